// The template family (report.templates_dir): every fix offers the same way out, dropping the
// override to fall back on the built-in templates, worded once here.
import { PulseError } from '../errors.ts';

/** `first` (what to fix), then the way back to the built-in template(s). */
function orBuiltIn(first: string, scope: 'file' | 'dir'): string {
  return scope === 'file' ? `${first}, or remove it from report.templates_dir to use the built-in one` : `${first}, or remove report.templates_dir to use the built-in ones`;
}

const templates = (count: number): string => `${count} template${count === 1 ? '' : 's'}`;

/** A template with a Handlebars syntax error (`detail`: `FILE:LINE:COL: what`). */
export function templateUncompilable(at: { file: string; detail: string }): PulseError {
  return new PulseError('ETEMPLATE', `template ${at.file} cannot be compiled`, orBuiltIn('fix the template at the position shown', 'file'), { details: [at.detail] });
}

/** report.templates_dir names no directory (`shown`: as the user wrote it). */
export function templatesDirMissing(at: { shown: string; notDirectory: boolean }): PulseError {
  return new PulseError('ETEMPLATE', `report.templates_dir ${at.shown} ${at.notDirectory ? 'is not a directory' : 'does not exist'}`, orBuiltIn("create the directory with your page/ and email/ templates (copy them from the package's templates/)", 'dir'));
}

/** Templates of the override that cannot be read or compiled (`details`: one positioned line each). */
export function templatesUnusable(details: readonly string[]): PulseError {
  return new PulseError('ETEMPLATE', `${templates(details.length)} cannot be used`, orBuiltIn('fix each template at the position shown (a regular file inside report.templates_dir, Handlebars syntax)', 'dir'), { details });
}

/** Templates of the override that use fields the report does not have. */
export function templatesUnfillable(details: readonly string[]): PulseError {
  return new PulseError('ETEMPLATE', `${templates(details.length)} in report.templates_dir cannot be filled`, orBuiltIn('use only the fields the built-in templates use (see templates/ in the package)', 'dir'), { details });
}

/** The email template renders MJML that does not validate. */
export function emailTemplateInvalid(at: { file: string; details: readonly string[] }): PulseError {
  return new PulseError('ETEMPLATE', `the email template ${at.file} renders invalid MJML`, orBuiltIn('fix the MJML in the template (see https://documentation.mjml.io)', 'file'), { details: at.details });
}
