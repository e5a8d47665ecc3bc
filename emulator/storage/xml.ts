// COS answers a failed request with an XML <Error>. node-sdk's uploadFile parses the body with
// xml2js and destructures Code, Message, RequestId and TraceId (each must be present, or the SDK
// itself throws a TypeError); an empty body means success.
import http from 'node:http';
import { randomUUID } from 'node:crypto';

export function sendCosError(res: http.ServerResponse, status: number, code: string, message: string, resource: string): void {
  const requestId = randomUUID().replace(/-/g, '');
  const body =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n` +
    `  <Code>${esc(code)}</Code>\n  <Message>${esc(message)}</Message>\n  <Resource>${esc(resource)}</Resource>\n` +
    `  <RequestId>${requestId}</RequestId>\n  <TraceId>${requestId}</TraceId>\n</Error>\n`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'x-cos-request-id': requestId });
  res.end(body);
}

function esc(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
