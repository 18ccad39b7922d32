import { getLang } from "@/lib/server/lang.ts";
import { MyLicences } from "./_components/MyLicences.tsx";

export default async function WalletPage() {
  const { m } = await getLang();
  return (
    <>
      <h1>{m.holder.wallet.title}</h1>
      <p className="muted">{m.holder.wallet.intro}</p>
      <MyLicences />
    </>
  );
}
