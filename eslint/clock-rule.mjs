/**
 * `ox/no-wall-clock`: domain and database code never reads the time itself. It gets `now`
 * from lib/clock.ts (the app) or from a test, so a test clock moves everything at once.
 * Reports `Date.now`, `new Date()` and `Date()` without an argument, and SQL that reads the
 * database server's clock (`now()`, `current_timestamp`, `clock_timestamp()` …) in a `sql`
 * template or `sql.raw`. `new Date(x)` (parsing or copying an instant) is fine.
 */
const SQL_CLOCK =
  /\b(?:now|clock_timestamp|statement_timestamp|transaction_timestamp|timeofday)\s*\(|\b(?:current_timestamp|current_date|current_time|localtimestamp|localtime)\b/i;

const isSqlTag = (node) => node.type === "Identifier" && node.name === "sql";
const isSqlRaw = (node) =>
  node.type === "MemberExpression" &&
  !node.computed &&
  isSqlTag(node.object) &&
  node.property.type === "Identifier" &&
  node.property.name === "raw";

function literalText(node) {
  if (node?.type === "Literal" && typeof node.value === "string") return node.value;
  if (node?.type === "TemplateLiteral") return node.quasis.map((q) => q.value.raw).join(" ");
  return "";
}

export const noWallClock = {
  meta: {
    type: "problem",
    docs: {
      description:
        "Read the time from lib/clock.ts (passed in as `now`), never from Date or the database server.",
    },
    schema: [],
    messages: {
      dateNow:
        "Date.now() reads the wall clock: take `now` from the caller (lib/clock.ts appClock in the app, a fixed clock in tests).",
      newDate:
        "new Date() without an argument reads the wall clock: take `now` from the caller (lib/clock.ts).",
      sqlNow:
        "SQL {{what}} reads the database server's clock: pass the application's `now` as a parameter instead.",
    },
  },
  create(context) {
    const reportSql = (node, text) => {
      const m = SQL_CLOCK.exec(text);
      if (m)
        context.report({
          node,
          messageId: "sqlNow",
          data: { what: m[0].replace(/\s+/g, "").replace(/\($/, "()") },
        });
    };
    return {
      MemberExpression(node) {
        if (
          !node.computed &&
          node.object.type === "Identifier" &&
          node.object.name === "Date" &&
          node.property.type === "Identifier" &&
          node.property.name === "now"
        ) {
          context.report({ node, messageId: "dateNow" });
        }
      },
      NewExpression(node) {
        if (node.callee.type === "Identifier" && node.callee.name === "Date" && node.arguments.length === 0)
          context.report({ node, messageId: "newDate" });
      },
      CallExpression(node) {
        if (node.callee.type === "Identifier" && node.callee.name === "Date" && node.arguments.length === 0)
          context.report({ node, messageId: "newDate" });
        if (isSqlRaw(node.callee)) reportSql(node, literalText(node.arguments[0]));
      },
      TaggedTemplateExpression(node) {
        if (isSqlTag(node.tag) || isSqlRaw(node.tag))
          reportSql(node, node.quasi.quasis.map((q) => q.value.raw).join(" "));
      },
    };
  },
};

export const oxPlugin = { meta: { name: "ox" }, rules: { "no-wall-clock": noWallClock } };
