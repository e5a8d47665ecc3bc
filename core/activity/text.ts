// Text a person types into an activity, a record or a note. It ends up in rosters, certificates
// and the CSV for the national system, so it is plain text: no markup, no control characters, no
// characters outside the Basic Multilingual Plane (emoji), which the national format refuses.
import { z } from '../zod-setup';

const MARKUP = /[<>]/;
const CONTROL_LINE = /[\u0000-\u001f\u007f]/;
const CONTROL_MULTILINE = /[\u0000-\u0009\u000b-\u001f\u007f]/;
const ASTRAL = /[\uD800-\uDFFF]/;

/** Trimmed plain text of min..max characters; `multiline` allows line breaks. */
export function activityText(min: number, max: number, multiline = false) {
  return z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `at least ${min} characters`)
    .max(max, `at most ${max} characters`)
    .refine((s) => !MARKUP.test(s), 'no markup: < and > are not allowed')
    .refine((s) => !(multiline ? CONTROL_MULTILINE : CONTROL_LINE).test(s), 'no control characters')
    .refine((s) => !ASTRAL.test(s), 'no emoji or characters outside the basic plane');
}
