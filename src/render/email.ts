// The email: the view placed into the MJML template, then MJML → HTML (strict validation, no web
// fonts). mjml loads on first use only (~0.7 s cold), never for `--help` or `check`.
import { emailTemplateInvalid } from '../errors/templates.ts';

type Mjml2Html = typeof import('mjml').default;
let mjml: Promise<Mjml2Html> | undefined;

function loadMjml(): Promise<Mjml2Html> {
  mjml ??= import('mjml').then((m) => m.default);
  return mjml;
}

/** MJML → HTML. A template that produces invalid MJML is an error naming each line. */
export async function mjmlToHtml(source: string, file: string): Promise<string> {
  const mjml2html = await loadMjml();
  try {
    const { html, errors } = await mjml2html(source, { validationLevel: 'strict', fonts: {}, minify: false, keepComments: false });
    if (errors.length) throw Object.assign(new Error('invalid MJML'), { errors });
    return html;
  } catch (error) {
    const errors = error && typeof error === 'object' && 'errors' in error && Array.isArray(error.errors) ? (error.errors as Array<{ line?: number; formattedMessage?: string; message?: string }>) : [];
    const details = errors.length ? errors.map((e) => `${file} (rendered) line ${e.line ?? '?'}: ${e.message ?? e.formattedMessage ?? 'invalid'}`) : [`${file}: ${error instanceof Error ? error.message : String(error)}`];
    throw emailTemplateInvalid({ file, details });
  }
}
