// What any source accepts from an API, so no later stage (evaluate, render, publish) has to trust
// it: counts are never negative and stay exact, URLs are http(s) only, names and usernames are
// cut to a bounded length. A value that fails these rules is a bad answer (EBADRESPONSE): the
// metric is unavailable with the reason, never reported.
import { z } from 'zod';
import { maskSecrets } from '../secrets.ts';

/** Longest name, username or title kept from an API; longer ones are cut (with "…"). */
export const MAX_TEXT = 200;
/** Longest URL accepted from an API. */
export const MAX_URL = 2048;

/** A count or duration from an API: finite, not negative, exact (at most 2^53 − 1). */
export const apiCount = () => z.number().finite().min(0, { error: 'is negative, which a count or duration never is' }).max(Number.MAX_SAFE_INTEGER, { error: 'is too large to be a real count' });

/**
 * Cuts to `max` code points with "…": never between the two halves of a surrogate pair, which
 * would leave a lone surrogate that turns into U+FFFD (or an encoder error) downstream.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max).join('')}…`;
}

/**
 * A name-like string from an API, masked (an API that echoes the request's token into a name or a
 * title must not get it committed), then cut to MAX_TEXT characters: masking first, so a token
 * that straddles the cut is still recognised whole.
 */
export const apiText = () => z.string().transform((text) => cutText(maskSecrets(text), MAX_TEXT));

/** A link from an API: http or https only (a javascript: or data: URL must never reach a page). */
export const apiUrl = () =>
  z
    .string()
    .max(MAX_URL, { error: `is longer than ${MAX_URL} characters` })
    .refine(
      (text) => {
        const url = URL.parse(text);
        return url !== null && (url.protocol === 'https:' || url.protocol === 'http:');
      },
      { error: 'must be an http or https URL' },
    );
