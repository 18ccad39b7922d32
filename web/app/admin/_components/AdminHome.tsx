"use client";
/** The console's first page: the connected account's platform roles, what it may do, and what not and why. */
import { durationText } from "@onewindow/sdk";

import { useAdminAbilities } from "@/hooks/useAdmin.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

export function AdminHome() {
  const { m, lang } = useMessages();
  const { account, data, isLoading, error } = useAdminAbilities();
  return (
    <>
      <p className="muted">{m.admin.home.intro}</p>
      {!account ? (
        <p className="banner warn" role="status" data-testid="admin-connect">
          {m.admin.connectFirst}
        </p>
      ) : isLoading || !data ? (
        <p className="muted">{error ? String(error) : m.admin.loading}</p>
      ) : (
        <>
          <h2>{m.admin.home.roles}</h2>
          {data.roles.length === 0 ? (
            <p className="banner warn" data-testid="admin-no-roles">
              {m.admin.home.noRoles}
            </p>
          ) : (
            <ul data-testid="admin-roles">
              {data.roles.map((r) => (
                <li key={r.roleId.toString()} data-testid="admin-role">
                  <strong>{r.name[lang]}</strong>{" "}
                  <span className="tag">
                    {r.executionDelay > 0
                      ? format(m.admin.home.delay, { d: durationText(r.executionDelay, lang) })
                      : m.admin.home.noDelay}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <div className="cards">
            {data.abilities.some((a) => a.may !== "no") ? (
              <section className="card" data-testid="admin-may">
                <h3>{m.admin.home.may}</h3>
                <ul>
                  {data.abilities
                    .filter((a) => a.may !== "no")
                    .map((a) => (
                      <li key={a.id} data-testid="admin-ability" data-action={a.id}>
                        {a.label[lang]}{" "}
                        <span className="tag">{a.may === "now" ? m.admin.home.now : m.admin.home.delayed}</span>
                        {a.reason ? <span className="muted"> — {a.reason[lang]}</span> : null}
                      </li>
                    ))}
                </ul>
              </section>
            ) : null}
            <section className="card" data-testid="admin-may-not">
              <h3>{m.admin.home.mayNot}</h3>
              <ul>
                {data.abilities
                  .filter((a) => a.may === "no")
                  .map((a) => (
                    <li key={a.id} data-testid="admin-inability" data-action={a.id}>
                      {a.label[lang]}: <span className="muted">{a.reason?.[lang]}</span>
                    </li>
                  ))}
              </ul>
            </section>
          </div>
        </>
      )}
    </>
  );
}
