// A local subset of React's rules of hooks (eslint-plugin-react-hooks is not installed here): a
// hook (`useX(...)`) is called only at the top level of a component (Capitalised function) or of
// another hook (`useX` function) — never inside a condition, a loop, a callback, or after a return
// that may end the render early. Enough to keep a hook's call order the same on every render.
const HOOK = /^use[A-Z0-9]/u;
const COMPONENT = /^[A-Z]/u;

const isFunction = (n) => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';

function functionName(fn) {
  if (fn.id?.name) return fn.id.name;
  let p = fn.parent;
  // memo(function …) / forwardRef((props) => …): the name of what it is assigned to.
  while (p && p.type === 'CallExpression') p = p.parent;
  if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name;
  if (p?.type === 'Property' && p.key.type === 'Identifier') return p.key.name;
  if (p?.type === 'AssignmentExpression' && p.left.type === 'Identifier') return p.left.name;
  return null;
}

function hookName(callee) {
  if (callee.type === 'Identifier') return HOOK.test(callee.name) ? callee.name : null;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return HOOK.test(callee.property.name) ? callee.property.name : null;
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Hooks are called in the same order on every render.' },
    schema: [],
    messages: {
      conditional: 'React hook "{{hook}}" is called conditionally; hooks run in the same order on every render.',
      loop: 'React hook "{{hook}}" is called in a loop; hooks run in the same order on every render.',
      nested: 'React hook "{{hook}}" is called in "{{fn}}", which is neither a component nor a hook.',
      afterReturn: 'React hook "{{hook}}" is called after an early return.',
    },
  },
  create(context) {
    const returns = new Map(); // function node → its return statements (not those of nested functions)
    const enclosing = (node) => {
      let n = node.parent;
      while (n && !isFunction(n)) n = n.parent;
      return n ?? null;
    };
    const hooks = [];
    return {
      ReturnStatement(node) {
        const fn = enclosing(node);
        if (fn) returns.set(fn, [...(returns.get(fn) ?? []), node]);
      },
      CallExpression(node) {
        const hook = hookName(node.callee);
        if (hook) hooks.push({ node, hook });
      },
      'Program:exit'() {
        for (const { node, hook } of hooks) {
          let child = node;
          let n = node.parent;
          let problem = null;
          while (n && !isFunction(n)) {
            if ((n.type === 'IfStatement' || n.type === 'ConditionalExpression') && child !== n.test) problem ??= 'conditional';
            if (n.type === 'LogicalExpression' && child === n.right) problem ??= 'conditional';
            if (n.type === 'SwitchCase') problem ??= 'conditional';
            if (/^(For|ForIn|ForOf|While|DoWhile)Statement$/u.test(n.type) && child !== n.init) problem ??= 'loop';
            child = n;
            n = n.parent;
          }
          if (!n) continue; // module top level: not React's business here
          const name = functionName(n);
          if (!name || !(COMPONENT.test(name) || HOOK.test(name))) {
            context.report({ node, messageId: 'nested', data: { hook, fn: name ?? 'an anonymous function' } });
            continue;
          }
          if (problem) {
            context.report({ node, messageId: problem, data: { hook } });
            continue;
          }
          const early = (returns.get(n) ?? []).some((r) => r.range[1] <= node.range[0]);
          if (early) context.report({ node, messageId: 'afterReturn', data: { hook } });
        }
      },
    };
  },
};
