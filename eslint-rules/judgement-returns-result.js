// A function that judges (check*, judge*, verify*, validate*, decide*) and may refuse answers with one
// shape: `Result<T, E>` (shared/util/result.ts). This rule refuses the two older shapes on exported
// judgements:
//
// - `T | null` (or `| undefined`): "null means refused" (or "null means allowed") — the reader
//   cannot tell which, and the refusal carries no reason;
// - `Problem[]` (an array of a Problem/Refusal/Error type): "an empty list means allowed" — write
//   `Result<T, Problem[]>` with a list that is never empty.
//
// It reads the declared return type (through `Promise<…>` and through type aliases declared in the
// same file); an exported judgement without a return type that returns `null` itself is refused
// too. Booleans and type predicates (`x is T`) are answers, not refusals, and stay allowed, as do
// reports whose element type is not a refusal (findings, warnings, judgements).

const NAME = /^(check|judge|verify|validate|decide)(?![a-z])/u;
const REFUSAL_TYPE = /(Problem|Refusal|Error)s?$/u;

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Exported check*/judge*/verify*/validate*/decide* functions return a Result, not T | null or a Problem[] list.' },
    schema: [],
    messages: {
      nullable:
        "{{name}} answers with '{{type}}': a judgement that may refuse returns Result<T, E> (shared/util/result.ts) — ok(value) or err(refusal) — not T | null.",
      list:
        "{{name}} answers with a list of {{element}}: return Result<T, {{element}}[]> (shared/util/result.ts) with a list that is never empty, not an empty list for 'allowed'.",
      returnsNull:
        '{{name}} returns null: a judgement that may refuse returns Result<T, E> (shared/util/result.ts) — ok(value) or err(refusal).',
    },
  },
  create(context) {
    const source = context.sourceCode ?? context.getSourceCode();
    /** Type aliases of this file, by name (a judgement's declared type may be one of them). */
    const aliases = new Map();
    const judgements = [];

    const unwrap = (type, seen = new Set()) => {
      if (!type) return type;
      if (type.type === 'TSTypeOperator' && type.operator === 'readonly') return unwrap(type.typeAnnotation, seen);
      if (type.type === 'TSTypeReference' && type.typeName.type === 'Identifier') {
        const name = type.typeName.name;
        const args = type.typeArguments ?? type.typeParameters;
        if (name === 'Promise' && args?.params.length === 1) return unwrap(args.params[0], seen);
        if (aliases.has(name) && !seen.has(name)) {
          seen.add(name);
          return unwrap(aliases.get(name), seen);
        }
      }
      return type;
    };

    const elementOf = (type) => {
      const t = unwrap(type);
      if (t?.type === 'TSArrayType') return t.elementType;
      if (t?.type === 'TSTypeReference' && t.typeName.type === 'Identifier' && ['Array', 'ReadonlyArray'].includes(t.typeName.name)) {
        return (t.typeArguments ?? t.typeParameters)?.params[0];
      }
      return null;
    };

    /** The refusal type's name that `element` is (or, through an alias or a union, holds), or null. */
    const refusalName = (element, seen = new Set()) => {
      let t = element;
      if (t?.type === 'TSTypeOperator' && t.operator === 'readonly') t = t.typeAnnotation;
      if (!t) return null;
      if (t.type === 'TSTypeReference') {
        const name = t.typeName.type === 'Identifier' ? t.typeName.name : t.typeName.right?.name;
        if (name && REFUSAL_TYPE.test(name)) return name;
        if (name && aliases.has(name) && !seen.has(name)) return refusalName(aliases.get(name), seen.add(name));
        return null;
      }
      if (t.type === 'TSUnionType') {
        for (const member of t.types) {
          const name = refusalName(member, seen);
          if (name) return name;
        }
      }
      return null;
    };

    /** The function's own `return` statements (not those of functions nested in it). */
    const returnsNull = (fn) => {
      if (fn.body?.type !== 'BlockStatement') return fn.body?.type === 'Literal' && fn.body.value === null;
      let found = false;
      const visit = (node) => {
        if (!node || typeof node.type !== 'string' || found) return;
        if (node !== fn && /Function/u.test(node.type)) return;
        if (node.type === 'ReturnStatement' && node.argument?.type === 'Literal' && node.argument.value === null) {
          found = true;
          return;
        }
        for (const key of source.visitorKeys[node.type] ?? []) {
          const child = node[key];
          if (Array.isArray(child)) child.forEach(visit);
          else visit(child);
        }
      };
      visit(fn.body);
      return found;
    };

    const judge = (name, fn, at) => {
      const declared = fn.returnType?.typeAnnotation;
      if (!declared) {
        if (returnsNull(fn)) context.report({ node: at, messageId: 'returnsNull', data: { name } });
        return;
      }
      if (declared.type === 'TSTypePredicate') return;
      const t = unwrap(declared);
      if (t?.type === 'TSUnionType' && t.types.some((m) => m.type === 'TSNullKeyword' || m.type === 'TSUndefinedKeyword')) {
        context.report({ node: at, messageId: 'nullable', data: { name, type: source.getText(declared) } });
        return;
      }
      const element = elementOf(declared);
      const refusal = element ? refusalName(element) : null;
      if (refusal) context.report({ node: at, messageId: 'list', data: { name, element: refusal } });
    };

    return {
      TSTypeAliasDeclaration(node) {
        aliases.set(node.id.name, node.typeAnnotation);
      },
      'ExportNamedDeclaration > FunctionDeclaration'(node) {
        if (node.id && NAME.test(node.id.name)) judgements.push([node.id.name, node, node.id]);
      },
      'ExportDefaultDeclaration > FunctionDeclaration'(node) {
        if (node.id && NAME.test(node.id.name)) judgements.push([node.id.name, node, node.id]);
      },
      'ExportNamedDeclaration > VariableDeclaration > VariableDeclarator'(node) {
        const init = node.init;
        if (node.id.type === 'Identifier' && NAME.test(node.id.name) && init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) {
          judgements.push([node.id.name, init, node.id]);
        }
      },
      // Judged at the end, when every type alias of the file is known.
      'Program:exit'() {
        for (const [name, fn, at] of judgements) judge(name, fn, at);
      },
    };
  },
};
