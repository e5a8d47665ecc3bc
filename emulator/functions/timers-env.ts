// What a timer-triggered invocation receives: the SCF timer event and a system identity.
//
// Event: SCF's timer message {Type:'Timer', TriggerName, Time, Message} (Tencent SCF "Timer 触发器
//的事件消息结构"). Time is the scheduled second in UTC, ISO 8601 without milliseconds, as in the
// documented example. CloudBase's config.json has no field for a custom message, so Message is ''
// (UNVERIFIED against a live CloudBase timer).
//
// Environment: the SDKs decide "this is a timer" from TRIGGER_SRC=timer, and then node-sdk sends
// WX_TRIGGER_API_TOKEN_V0 as wxCloudApiToken instead of WX_API_TOKEN (node-sdk
// utils/wxCloudToken.js). So the per-invocation token travels in that variable, WX_API_TOKEN is
// absent, and the emulator still knows which invocation made each admin request. There is no
// user: no WX_OPENID/WX_UNIONID (the WeChat docs give OPENID/APPID only "when the mini-program
// calls the function"), so getWXContext() returns {ENV, SOURCE:'wx_trigger'}: the token key is
// on wx-server-sdk's blacklist (index.js getWXContext) and 'wx_trigger' is the documented SOURCE.
import type { Caller } from '../wire';

export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time: string;
  Message: string;
}

export const TIMER_SOURCE = 'wx_trigger';

export function timerEvent(triggerName: string, at: Date): TimerEvent {
  return { Type: 'Timer', TriggerName: triggerName, Time: new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z'), Message: '' };
}

export function timerInvocationEnv(caller: Caller, token: string): Record<string, string> {
  return {
    TRIGGER_SRC: 'timer',
    WX_TRIGGER_API_TOKEN_V0: token,
    WX_CONTEXT_KEYS: 'WX_TRIGGER_API_TOKEN_V0',
    TCB_SEQID: caller.invocationId,
    TCB_SOURCE: TIMER_SOURCE,
    SCF_FUNCTIONNAME: caller.functionName,
  };
}
