import type { ActivityContract, OutputOf, ParsedInputOf } from '../../core';

export type In<K extends keyof ActivityContract['actions'] & string> = ParsedInputOf<ActivityContract, K>;
export type Out<K extends keyof ActivityContract['actions'] & string> = OutputOf<ActivityContract, K>;
