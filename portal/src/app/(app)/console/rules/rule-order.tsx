"use client";

import { useRouter } from "next/navigation";
import { type DragEvent, type ReactNode, useState, useTransition } from "react";
import { reorderRulesAction } from "./rules.actions";

/** One rule as the list shows it: its cells rendered by the page, and how a screen reader names it. */
export interface OrderedRule {
  id: string;
  label: string;
  cells: ReactNode[];
  actions: ReactNode;
}

interface RuleOrderTableProps {
  headers: string[];
  /** Columns (by index) that give way on narrow screens. */
  secondary: number[];
  rules: OrderedRule[];
  mayReorder: boolean;
}

function moved<T>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/**
 * The rules in evaluation order. An admin drags a row onto another to put it there, or uses the row's Move up / Move
 * down buttons from the keyboard; either way the whole order is saved at once (one transaction in the API) and the
 * outcome is announced. A refused save (someone added a rule meanwhile) puts the stored order back.
 */
export function RuleOrderTable({ headers, secondary, rules, mayReorder }: RuleOrderTableProps) {
  const router = useRouter();
  const [order, setOrder] = useState(rules);
  const [dragged, setDragged] = useState<number | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const [shown, setShown] = useState(rules);
  if (rules !== shown) {
    // The server sent a new list (after a save, an edit or a delete): it is the truth now.
    setShown(rules);
    setOrder(rules);
  }

  const save = (next: OrderedRule[]) => {
    setOrder(next);
    startTransition(async () => {
      const outcome = await reorderRulesAction(next.map((rule) => rule.id));
      setStatus(outcome);
      if (!outcome.ok) setOrder(rules);
      router.refresh();
    });
  };
  const move = (from: number, to: number) => {
    if (from === to || to < 0 || to >= order.length) return;
    save(moved(order, from, to));
  };
  const drop = (to: number) => (event: DragEvent) => {
    event.preventDefault();
    if (dragged !== null) move(dragged, to);
    setDragged(null);
  };

  return (
    <>
      <div className="table-wrap">
        <table className="data" aria-label="Rules in order" aria-busy={pending || undefined}>
          <thead>
            <tr>
              {headers.map((header, index) => (
                <th key={header} scope="col" className={secondary.includes(index) ? "hide-sm" : undefined}>
                  {header}
                </th>
              ))}
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {order.map((rule, index) => (
              <tr
                key={rule.id}
                aria-label={rule.label}
                draggable={mayReorder && !pending}
                className={dragged === index ? "row-dragged" : undefined}
                onDragStart={(event) => {
                  event.dataTransfer.effectAllowed = "move";
                  event.dataTransfer.setData("text/plain", rule.id);
                  setDragged(index);
                }}
                onDragOver={(event) => {
                  if (dragged !== null) event.preventDefault();
                }}
                onDrop={drop(index)}
                onDragEnd={() => setDragged(null)}
              >
                {rule.cells.map((cell, column) => (
                  <td key={headers[column]} className={secondary.includes(column) ? "hide-sm" : undefined}>
                    {cell}
                  </td>
                ))}
                <td className="cell-actions">
                  {mayReorder ? (
                    <>
                      <button
                        type="button"
                        className="btn btn-ghost btn-sm"
                        aria-label={`Move ${rule.label} up`}
                        disabled={pending || index === 0}
                        onClick={() => move(index, index - 1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost btn-sm"
                        aria-label={`Move ${rule.label} down`}
                        disabled={pending || index === order.length - 1}
                        onClick={() => move(index, index + 1)}
                      >
                        ↓
                      </button>
                    </>
                  ) : null}
                  {rule.actions}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div role="status">
        {status ? (
          <div className={status.ok ? "alert alert-success" : "alert alert-error"}>{status.message}</div>
        ) : null}
      </div>
    </>
  );
}
