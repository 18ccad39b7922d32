/**
 * The browser's way to the exchange (same origin): forwards the holder's and officers' requests
 * (SIWE sign-in, own licences, deposits, uploads and their shares, disclosures, presentations, the holder's access
 * log) to EXCHANGE_URL with their bearer token. Only
 * these routes pass; the exchange checks every request itself.
 */
import { exchangeUrl } from "@/lib/server/platform.ts";

export const dynamic = "force-dynamic";

const ALLOWED: readonly { method: string; path: RegExp }[] = [
  { method: "POST", path: /^auth\/(nonce|verify)$/ },
  { method: "GET", path: /^licences$/ },
  { method: "GET", path: /^licences\/0x[0-9a-fA-F]{64}$/ },
  { method: "POST", path: /^licences\/deposit$/ },
  { method: "POST", path: /^licences\/outputs$/ },
  { method: "POST", path: /^uploads$/ },
  { method: "GET", path: /^uploads\/0x[0-9a-fA-F]{64}$/ },
  { method: "POST", path: /^uploads\/0x[0-9a-fA-F]{64}\/shares$/ },
  { method: "POST", path: /^disclosures$/ },
  { method: "GET", path: /^credentials\/0x[0-9a-fA-F]{64}$/ },
  // Presentations: stored, listed and withdrawn by their holder, opened by anyone with the link.
  { method: "POST", path: /^presentations$/ },
  { method: "GET", path: /^presentations(\/[A-Za-z0-9_-]{22})?$/ },
  { method: "DELETE", path: /^presentations\/[A-Za-z0-9_-]{22}$/ },
  { method: "GET", path: /^access-log$/ },
];

async function forward(request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const path = (await params).path.join("/");
  if (!ALLOWED.some((a) => a.method === request.method && a.path.test(path)))
    return Response.json(
      {
        error: {
          code: "NOT_FORWARDED",
          message: { zh: "不支持的交换平台请求。", en: "This exchange request is not forwarded." },
        },
      },
      { status: 404 },
    );
  const headers = new Headers();
  for (const name of ["authorization", "content-type"]) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  try {
    // The query (e.g. the access log's `limit` and `before`) goes with the request.
    const response = await fetch(`${exchangeUrl()}/${path}${new URL(request.url).search}`, {
      method: request.method,
      headers,
      body: request.method === "GET" || request.method === "DELETE" ? undefined : await request.arrayBuffer(),
      cache: "no-store",
      signal: AbortSignal.timeout(30_000),
    });
    return new Response(await response.arrayBuffer(), {
      status: response.status,
      headers: {
        "content-type": response.headers.get("content-type") ?? "application/json",
        ...(response.headers.get("x-content-keccak256")
          ? { "x-content-keccak256": response.headers.get("x-content-keccak256")! }
          : {}),
      },
    });
  } catch {
    return Response.json(
      {
        error: {
          code: "EXCHANGE_UNREACHABLE",
          message: {
            zh: `无法连接数据交换平台 ${exchangeUrl()}：请确认平台已启动（npm run dev）。`,
            en: `Cannot reach the data exchange at ${exchangeUrl()}: make sure the platform runs (npm run dev).`,
          },
        },
      },
      { status: 502 },
    );
  }
}

export const GET = forward;
export const POST = forward;
export const DELETE = forward;
