// Default word list for the emulator's security.msgSecCheck: a text containing any of these is
// rejected (errcode 87014, as WeChat answers risky content). Override with --sec-words <file>.
export const DEFAULT_SEC_CHECK_WORDS: string[] = ['违禁词', '赌博', '诈骗', '色情', '毒品'];
