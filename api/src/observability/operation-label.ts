import { type DocumentNode, Kind, type OperationDefinitionNode, type SelectionSetNode } from "graphql";

/** Fragments nest; a validated document has no cycle, and this bound keeps the walk finite regardless. */
const MAX_NESTING = 16;

function fragmentNamed(document: DocumentNode | undefined, name: string): SelectionSetNode | undefined {
  for (const definition of document?.definitions ?? []) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === name) return definition.selectionSet;
  }
  return undefined;
}

function firstField(selectionSet: SelectionSetNode, document: DocumentNode | undefined, depth: number): string | null {
  if (depth > MAX_NESTING) return null;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) return selection.name.value;
    const nested =
      selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragmentNamed(document, selection.name.value);
    const found = nested ? firstField(nested, document, depth + 1) : null;
    if (found) return found;
  }
  return null;
}

/**
 * The metrics label of a GraphQL request: its type and first root field ("mutation createUser"), never the
 * operation name the client chose, so the label's values are bounded by the schema. The root field's real name is
 * used, not its alias. A request that never got as far as a valid operation is "invalid".
 */
export function operationLabelOf(operation: OperationDefinitionNode | undefined, document?: DocumentNode): string {
  if (!operation) return "invalid";
  const field = firstField(operation.selectionSet, document, 0);
  return field ? `${operation.operation} ${field}` : "invalid";
}
