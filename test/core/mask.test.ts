import fc from 'fast-check';
import { maskAddress, maskIdNumber, maskName, maskPhone, normalizeIdNumber, normalizePhone, toHalfWidth } from '../../core';

// Any string, including lone surrogates and full-width forms.
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'0123456789０１２３４５６７８９+- xｘX王小明区市省号*'), maxLength: 30 }),
);
const digitsOf = (s: string) => s.replace(/[^0-9]/g, '');
const nonStars = (s: string) => Array.from(s).filter((c) => c !== '*');

describe('normal forms', () => {
  test.each([
    ['11010519491231002X', '11010519491231002X'],
    [' 11010519491231002x ', '11010519491231002X'],
    ['１１０１０５ １９４９１２３１ ００２ｘ', '11010519491231002X'],
    ['110105\t194912310', '110105194912310'],
    ['', ''],
  ])('normalizeIdNumber(%j) = %j', (input, expected) => {
    expect(normalizeIdNumber(input)).toBe(expected);
  });

  test.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['(010) 6512-3456', '01065123456'],
    // Not a mobile number after 86: kept as it is.
    ['86 10 65123456', '861065123456'],
    ['no digits', ''],
  ])('normalizePhone(%j) = %j', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  test('toHalfWidth maps full-width ASCII and the ideographic space only', () => {
    expect(toHalfWidth('ＡＢｃ１２３！\u3000王')).toBe('ABc123! 王');
  });
});

describe('maskPhone', () => {
  test.each([
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['１３８１２３４５６７８', '138****5678'],
    ['01065123456', '010****3456'],
    ['0106512345678', '010******5678'],
    ['65123456', '****3456'],
    ['1234567', '***4567'],
    ['123456', '******'],
    ['12', '**'],
    ['', ''],
    ['call me', ''],
    [null, ''],
    [undefined, ''],
  ])('maskPhone(%j) = %j', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  test('property: never throws, never shows more than all digits but 3 (4 from 11 on)', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const out = maskPhone(s);
        const n = normalizePhone(s).length;
        const shown = digitsOf(out).length;
        expect(out.length).toBe(n);
        if (n >= 11) expect(shown).toBeLessThanOrEqual(n - 4);
        else if (n >= 7) expect(shown).toBeLessThanOrEqual(n - 3);
        else expect(shown).toBe(0);
        if (n >= 1) expect(out).not.toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  test('property: any mainland mobile number shows its first 3 and last 4 digits only', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        expect(maskPhone(phone)).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
      }),
    );
  });
});

describe('maskIdNumber', () => {
  test.each([
    ['11010519491231002X', '1****************X'],
    ['11010519491231002x', '1****************X'],
    [' 110105 19491231 002X ', '1****************X'],
    ['110105491231002', '1*************2'],
    ['12345', '1***5'],
    ['1234', '****'],
    ['1', '*'],
    ['', ''],
    [null, ''],
  ])('maskIdNumber(%j) = %j', (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  test('property: never throws, shows at most 2 characters, and none of 4 or fewer', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const out = Array.from(maskIdNumber(s));
        const id = Array.from(normalizeIdNumber(s));
        const n = id.length;
        expect(out).toHaveLength(n);
        // Only the first and the last character may show, and none of a short value.
        const inner = n <= 4 ? out : out.slice(1, -1);
        expect(inner.every((c) => c === '*')).toBe(true);
        if (n > 4) expect([out[0], out[n - 1]]).toEqual([id[0], id[n - 1]]);
        if ((n <= 4 ? id : id.slice(1, -1)).some((c) => c !== '*')) expect(out.join('')).not.toBe(id.join(''));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('maskName', () => {
  test.each([
    ['王小明', '王某'],
    ['李明', '李某'],
    [' 张伟 ', '张某'],
    ['欧阳娜娜', '欧某'], // compound surname: its first character only
    ['阿依夏木·艾力', '阿某'],
    ['𠮷野家', '𠮷某'], // a character outside the BMP stays whole
    ['王', '某'], // one character would be the whole name
    ['John Smith', 'J.'],
    ['émile zola', 'É.'],
    ['ŉ', '某'],
    ['ŉa', 'ŉ.'], // its upper case is two characters: kept as it is
    ['  ·王五', '王某'],
    ['123', '某'],
    ['😀😀', '某'],
    ['', ''],
    ['   ', ''],
    [null, ''],
    [undefined, ''],
  ])('maskName(%j) = %j', (input, expected) => {
    expect(maskName(input)).toBe(expected);
  });

  test('property: never throws, at most one character of the name plus 某 or "."', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const out = maskName(s);
        const name = Array.from(s.trim());
        if (name.length === 0) return expect(out).toBe('');
        expect(out === '某' || out.endsWith('某') || out.endsWith('.')).toBe(true);
        expect(Array.from(out).length).toBeLessThanOrEqual(2);
        if (name.length >= 3) expect(out).not.toBe(s.trim());
      }),
      { numRuns: 2000 },
    );
  });

  test('property: a Chinese name of 2–4 characters shows its first character and 某', () => {
    const han = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((n) => String.fromCodePoint(n));
    fc.assert(
      fc.property(fc.array(han, { minLength: 2, maxLength: 4 }), (chars) => {
        expect(maskName(chars.join(''))).toBe(`${chars[0]}某`);
      }),
    );
  });
});

describe('maskAddress', () => {
  test.each([
    ['北京市朝阳区建国路88号1号楼2单元301', '北京市朝阳区****'],
    ['上海市浦东新区世纪大道100号', '上海市浦东新区****'],
    ['浙江省杭州市西湖区文三路', '浙江省杭州市西湖区****'],
    ['内蒙古自治区呼和浩特市土默特左旗察素齐镇', '内蒙古自治区****'], // the first division that ends in 区
    ['广东省东莞市南城街道莞太路1号', '广东省东莞市****'], // no county level: the city
    ['新疆维吾尔自治区', '****'],
    ['海南省某镇某村3号', '海南省****'],
    // A housing estate (小区) is not a district.
    ['幸福小区3栋201', '****'],
    ['建国路88号', '****'],
    // Only a district: nothing may show.
    ['北京市朝阳区', '北京市****'],
    ['朝阳区', '****'],
    ['', ''],
    [null, ''],
  ])('maskAddress(%j) = %j', (input, expected) => {
    expect(maskAddress(input)).toBe(expected);
  });

  test('property: never throws, shows only a strict prefix of at most 12 characters', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const out = maskAddress(s);
        const text = s.trim();
        if (text === '') return expect(out).toBe('');
        expect(out.endsWith('****')).toBe(true);
        const shown = out.slice(0, -4);
        expect(text.startsWith(shown)).toBe(true);
        expect(shown.length).toBeLessThan(text.length);
        expect(shown.length).toBeLessThanOrEqual(14); // 12 characters, the last a 2-character 自治区 suffix at most
      }),
      { numRuns: 2000 },
    );
  });
});

test('masks reveal at most a few characters of any long input', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 20, maxLength: 60 }), (s) => {
      for (const mask of [maskPhone, maskIdNumber, maskName]) expect(nonStars(mask(s)).length).toBeLessThanOrEqual(7);
    }),
  );
});
