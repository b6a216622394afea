import { sql, type Expression, type ExpressionBuilder, type ReferenceExpression, type SqlBool } from 'kysely';

/**
 * `column IN (values)`, and for no values a plain `false`: an empty list matches nothing, without a
 * sentinel value to keep `IN ()` valid.
 */
export function inList<DB, TB extends keyof DB, RE extends ReferenceExpression<DB, TB>>(
  eb: ExpressionBuilder<DB, TB>,
  column: RE,
  values: readonly string[],
): Expression<SqlBool> {
  if (!values.length) return sql<SqlBool>`false`;
  return eb(column, 'in', values as never);
}
