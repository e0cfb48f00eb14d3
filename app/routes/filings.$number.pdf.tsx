import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getT } from "~/i18n";
import { formatDate, formatDateTime, formatYuan } from "~/lib/format";
import { guard } from "~/lib/http.server";
import { filingNumberParam } from "~/models/trust/filing-schema";
import { getFilingCertificate } from "~/models/trust/filings.server";
import { renderFilingPdf } from "~/models/trust/filing-pdf.server";

/**
 * The certificate as a PDF, in the reader's language, from the same model call as the page: the
 * public gets number, date and status; the parties and the secretariat the whole record.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const number = filingNumberParam.safeParse(params.number);
  if (!number.success) throw json({ message: null }, { status: 404 });
  const cert = await guard(context, () => getFilingCertificate(context.db, context.actor, number.data));
  const locale = context.locale;
  const t = getT(locale);
  const pdf = await renderFilingPdf(cert, {
    t: (key, options) => t(key, options),
    locale,
    name: (zh, en) => (locale === "en" && en ? en : zh),
    date: (d) => formatDate(d, locale),
    dateTime: (d) => formatDateTime(d, locale),
    yuan: (n) => formatYuan(n, locale),
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.byteLength),
      "Content-Disposition": `inline; filename="${cert.number}.pdf"`,
      // What it shows depends on who asks.
      "Cache-Control": "private, no-store",
      Vary: "Cookie",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
