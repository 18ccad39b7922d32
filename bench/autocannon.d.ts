// The part of autocannon's API bench/exchange.ts uses (the package ships no types).
declare module "autocannon" {
  type Options = {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    duration?: number;
  };
  type Result = { requests: { total: number }; non2xx: number };
  type Instance = PromiseLike<Result> & {
    on(
      event: "response",
      listener: (client: unknown, status: number, bytes: number, responseTime: number) => void,
    ): void;
  };
  export default function autocannon(options: Options): Instance;
}
