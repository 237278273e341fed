// A local `no-restricted-paths` (the rule of eslint-plugin-import, which this project does not
// install): zones of files (`target`) that may not import from a folder (`from`) except its listed
// sub-folders (`except`). Relative imports are resolved against the importing file; package
// imports are not its business.
import { dirname, relative, resolve, sep } from 'node:path';

const inside = (file, folder) => {
  const rel = relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/u.test(rel));
};

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid imports from a folder into a zone of files.' },
    schema: [
      {
        type: 'object',
        properties: {
          zones: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                target: { type: 'string' },
                from: { type: 'string' },
                except: { type: 'array', items: { type: 'string' } },
                message: { type: 'string' },
              },
              required: ['target', 'from'],
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    ],
    messages: { restricted: '{{path}} may not be imported here: {{message}}' },
  },
  create(context) {
    const root = context.cwd;
    const zones = (context.options[0]?.zones ?? []).map((z) => ({
      target: resolve(root, z.target),
      from: resolve(root, z.from),
      except: (z.except ?? []).map((e) => resolve(root, z.from, e)),
      message: z.message ?? 'this folder is outside the zone',
    }));
    const file = resolve(root, context.filename);
    const mine = zones.filter((z) => inside(file, z.target));
    if (mine.length === 0) return {};
    const check = (node) => {
      const spec = node?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolve(dirname(file), spec);
      for (const z of mine) {
        if (inside(target, z.from) && !z.except.some((e) => inside(target, e))) {
          context.report({ node, messageId: 'restricted', data: { path: spec, message: z.message } });
          return;
        }
      }
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => n.source && check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source),
    };
  },
};
