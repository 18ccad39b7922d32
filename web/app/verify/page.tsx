import { getLang } from "@/lib/server/lang.ts";
import { Verifier } from "./_components/Verifier.tsx";

export default async function VerifyPage() {
  const { m } = await getLang();
  return (
    <>
      <h1>{m.holder.verify.title}</h1>
      <p className="muted">{m.holder.verify.intro}</p>
      <Verifier />
    </>
  );
}
