import { Select, TextInput } from '@inkjs/ui';
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import type { ReadyQuery } from '../../engines/ready-queries.js';
import type { Paint } from '../../text/paint.js';

/** The prompt's editing state: the lines above the cursor's line, and the line being typed. */
export interface PromptState {
  readonly lines: readonly string[];
  readonly current: string;
  /** Bumped whenever the text is replaced from outside (history, a ready query), to restart the line editor there. */
  readonly edition: number;
  /** Position in the history while walking it with ↑/↓; null when editing a new statement. */
  readonly historyIndex: number | null;
  /** What was typed before ↑ was first pressed, given back by ↓ past the newest entry. */
  readonly draft: string | null;
  readonly picking: boolean;
}

export const EMPTY_PROMPT: PromptState = { lines: [], current: '', edition: 0, historyIndex: null, draft: null, picking: false };

export function promptText(state: PromptState): string {
  return [...state.lines, state.current].join('\n');
}

/** Replaces the whole text: every line but the last above, the last one editable. */
export function loadText(state: PromptState, text: string, keep: Partial<PromptState> = {}): PromptState {
  const lines = text.split('\n');
  return { ...state, lines: lines.slice(0, -1), current: lines.at(-1) ?? '', edition: state.edition + 1, historyIndex: null, draft: null, picking: false, ...keep };
}

/** Enter runs the statement when the line ends with ";" or is empty under typed lines; otherwise it opens a new line. */
export function enterPressed(state: PromptState, line: string): { state: PromptState; run?: string } {
  const withLine = { ...state, current: line };
  const text = promptText(withLine).trim();
  if (line.trim().endsWith(';') || (line.trim() === '' && text !== '')) return { state: EMPTY_PROMPT_AFTER(state), run: text };
  if (text === '') return { state: withLine };
  return { state: { ...withLine, lines: [...state.lines, line], current: '', edition: state.edition + 1 } };
}

const EMPTY_PROMPT_AFTER = (state: PromptState): PromptState => ({ ...EMPTY_PROMPT, edition: state.edition + 1 });

/** Backspace on an empty line goes back up to the end of the line above. */
export function backspaceOnEmptyLine(state: PromptState): PromptState {
  if (state.current !== '' || state.lines.length === 0) return state;
  return { ...state, lines: state.lines.slice(0, -1), current: state.lines.at(-1) ?? '', edition: state.edition + 1 };
}

/** ↑ (older) and ↓ (newer) through the history; past the newest comes back what was being typed. */
export function walkHistory(state: PromptState, history: readonly string[], direction: 'older' | 'newer'): PromptState {
  if (history.length === 0) return state;
  if (direction === 'older') {
    const index = state.historyIndex === null ? history.length - 1 : Math.max(0, state.historyIndex - 1);
    const draft = state.historyIndex === null ? promptText(state) : state.draft;
    return loadText(state, history[index]!, { historyIndex: index, draft });
  }
  if (state.historyIndex === null) return state;
  if (state.historyIndex >= history.length - 1) return loadText(state, state.draft ?? '');
  const index = state.historyIndex + 1;
  return loadText(state, history[index]!, { historyIndex: index, draft: state.draft });
}

export interface SqlPromptProps {
  /** Statements run before, oldest first (from the query history). */
  readonly history: readonly string[];
  /** Offered with Tab, to pick instead of typing. */
  readonly readyQueries: readonly ReadyQuery[];
  /** The statement to run, as typed (the gate decides whether it is sent). */
  readonly onSubmit: (sql: string) => void;
  /** Esc: close the prompt. */
  readonly onClose: () => void;
  readonly paint: Paint;
  /** Open with the ready queries listed rather than the editor. @default false */
  readonly startPicking?: boolean;
  /** Keys are read only while active (not while a query runs). @default true */
  readonly isActive?: boolean;
}

/**
 * A multi-line SQL prompt: each line is edited with @inkjs/ui's TextInput; Enter after ";" or on
 * an empty line runs the statement, otherwise opens the next line (Backspace on an empty line goes
 * back up); ↑/↓ walk the history; Tab lists the ready queries to pick from; Esc closes.
 */
export function SqlPrompt({ history, readyQueries, onSubmit, onClose, paint, startPicking = false, isActive = true }: SqlPromptProps) {
  const [state, setState] = useState<PromptState>({ ...EMPTY_PROMPT, picking: startPicking && readyQueries.length > 0 });

  useInput(
    (_input, key) => {
      if (key.escape) {
        if (state.picking) setState((s) => ({ ...s, picking: false }));
        else onClose();
        return;
      }
      if (key.tab && readyQueries.length > 0) {
        setState((s) => ({ ...s, picking: !s.picking }));
        return;
      }
      if (state.picking) return;
      if (key.upArrow) setState((s) => walkHistory(s, history, 'older'));
      else if (key.downArrow) setState((s) => walkHistory(s, history, 'newer'));
      else if ((key.backspace || key.delete) && state.current === '') setState(backspaceOnEmptyLine);
    },
    { isActive },
  );

  // Keys can reach a handler from the render before last: Enter reads the newest state, not the closure's.
  const latest = useRef(state);
  latest.current = state;
  const submitLine = (line: string) => {
    const { state: next, run } = enterPressed(latest.current, line);
    latest.current = next;
    setState(next);
    if (run !== undefined) onSubmit(run);
  };
  const edition = state.edition;

  return (
    <Box flexDirection="column">
      <Text>{paint('muted', 'Your SQL on both engines (table transactions). Enter after ";" or on an empty line runs it · ↑/↓ history · Tab ready queries · Esc closes')}</Text>
      {state.lines.map((line, i) => (
        <Text key={i}>
          {paint('muted', i === 0 ? 'sql> ' : '...> ')}
          {line}
        </Text>
      ))}
      <Box>
        <Text>{paint('muted', state.lines.length === 0 ? 'sql> ' : '...> ')}</Text>
        <TextInput
          key={state.edition}
          defaultValue={state.current}
          isDisabled={!isActive || state.picking}
          // A line editor replaced since (the statement ran, history) may still report its text: ignored.
          onChange={(value) => setState((s) => (s.edition !== edition || s.current === value ? s : { ...s, current: value }))}
          onSubmit={submitLine}
        />
      </Box>
      {state.picking ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>{paint('strong', 'Ready queries (Enter picks one to edit or run, Esc goes back):')}</Text>
          <Select
            isDisabled={!isActive}
            options={readyQueries.map((q, i) => ({ label: q.title, value: String(i) }))}
            onChange={(value) => setState((s) => loadText(s, readyQueries[Number(value)]!.sql))}
          />
        </Box>
      ) : null}
    </Box>
  );
}
