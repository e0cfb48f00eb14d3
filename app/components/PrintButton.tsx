/** Prints the page (the certificate); hidden from the print itself, with the shell around it (app.css). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="btn btn-ghost no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
