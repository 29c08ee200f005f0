// Two validators: bodies are checked as sent (a number is not a string), while query strings,
// params and headers, which arrive as text, are coerced to the declared types.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { App } from '../context.ts';

function makeAjv(coerce: boolean) {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: true,
    allErrors: false,
    strict: false,
  });
  addFormats.default(ajv);
  return ajv;
}

export function installValidators(app: App) {
  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema),
  );
}
