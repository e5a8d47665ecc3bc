// Domain reasons (details.reason) that deserve a more precise message than their error code's, in
// the words of the person holding the phone. A reason not listed falls back to its code's message.
// Names follow the functions' reasons (<domain>.<what>, <machine>.cannot_<event>).
export const REASON_MESSAGES: Record<string, string> = {
  // kernel
  'role.missing': '您还没有这个身份，请先联系社区工作人员开通',
  'page.bad_cursor': '列表已更新，请下拉刷新后再试',
  'state.stale_version': '内容刚被别人修改过，请刷新后再试',
  'state.unexpected_status': '当前状态已变化，请刷新后再试',
  // activities and check-in: what a refusal means to the person at the gate
  'activity.cannot_signUp': '这个活动现在不能报名了',
  'signup.full': '名额已满，候补也已满',
  'signup.not_eligible': '您暂不符合这个活动的报名条件',
  'signup.not_verified': '您的志愿者注册还在审核中，通过后才能报名',
  'signup.not_volunteer': '请先注册成为志愿者',
  'checkin.code_expired': '这个签到码已过期，请扫队长手机上最新的码',
  'checkin.bad_code': '这不是本活动的签到码',
  'checkin.not_open': '还没到签到时间',
  'checkin.closed': '签到时间已过',
  'checkin.window_closed': '不在签到时间内',
  'checkin.outside_fence': '您不在活动地点附近，请到现场后再扫码',
  'checkin.location_required': '扫海报上的码需要获取您的位置',
  'checkin.not_signed_up': '您没有报名这个活动，请联系队长',
  'checkin.not_checked_in': '您还没有签到，不能签退',
  'checkin.already_checked_in': '您已经签到过了',
  'checkin.already_checked_out': '您已经签退过了',
  'checkin.too_many_pairs': '今天的签到次数已用完',
  'checkin.not_verified': '您的志愿者身份还没有通过审核',
  'checkin.activity_not_running': '这个活动现在不能签到',
};
