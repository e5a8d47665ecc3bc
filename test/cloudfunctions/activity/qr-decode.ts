// Decodes the QR code in a PNG (the emulator's wxacode.getUnlimited answers a real QR image).
import jsqr from 'jsqr';
import { PNG } from 'pngjs';

export function jsQR(png: Buffer): string {
  const img = PNG.sync.read(png);
  const found = jsqr(new Uint8ClampedArray(img.data), img.width, img.height);
  return found?.data ?? '';
}
