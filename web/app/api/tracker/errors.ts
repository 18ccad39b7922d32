/** The answers /api/tracker/* give for bad input and for a platform part that does not answer. */
export const bad = (en: string, zh: string) => Response.json({ error: { en, zh } }, { status: 400 });

export const unreachable = (error: unknown) => {
  const indexer = error instanceof Error && error.message === "indexer";
  return Response.json(
    {
      error: indexer
        ? {
            en: "the indexer does not answer, so this list cannot be read now: retry in a moment",
            zh: "索引服务暂未响应，暂时无法读取此列表，请稍后重试",
          }
        : {
            en: "the chain node cannot be reached: make sure the platform runs, then retry",
            zh: "无法连接区块链节点：请确认平台已启动后重试",
          },
    },
    { status: 502 },
  );
};
