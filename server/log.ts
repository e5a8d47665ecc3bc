// Structured one-line JSON logs; CloudBase collects a function's stdout/stderr per invocation.
export type LogFields = Record<string, unknown>;
export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export type LogSink = (level: LogLevel, line: LogFields) => void;

export const consoleSink: LogSink = (level, line) => {
  const text = JSON.stringify(line);
  if (level === 'error') console.error(text);
  else if (level === 'warn') console.warn(text);
  else console.log(text);
};

export function createLogger(sink: LogSink = consoleSink, base: LogFields = {}): Logger {
  const emit = (level: LogLevel) => (message: string, fields?: LogFields) => sink(level, { level, message, ...base, ...fields });
  return {
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => createLogger(sink, { ...base, ...fields }),
  };
}

/** Serialises an unknown throw for the log (never for the client). */
export function describeError(e: unknown): LogFields {
  if (e instanceof Error) return { errorName: e.name, errorMessage: e.message, stack: e.stack };
  try {
    return { thrown: JSON.stringify(e) };
  } catch {
    return { thrown: String(e) };
  }
}
