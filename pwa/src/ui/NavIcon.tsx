/** Small line icons for the navigation (24×24, drawn in the text colour, hidden from screen readers). */
const PATHS: Record<string, string> = {
  "/": "M4 11l8-7 8 7v9h-5v-6H9v6H4z",
  "/quests": "M5 21V4h11l-2 4 2 4H7M5 21h4",
  "/spirit": "M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.5-7 10-7 10z",
  "/pet":
    "M7 10a2 2 0 1 1 0-.01M17 10a2 2 0 1 1 0-.01M10 6a2 2 0 1 1 0-.01M14 6a2 2 0 1 1 0-.01M8 17c0-3 2-5 4-5s4 2 4 5c0 2-2 3-4 2-2 1-4 0-4-2z",
  "/more": "M5 12h.01M12 12h.01M19 12h.01",
  "/habits": "M5 12l4 4 10-10",
  "/companion": "M4 5h16v10H9l-5 4z",
  "/messages": "M3 6h18v12H3zM3 6l9 7 9-7",
  "/check-ins": "M6 4h12v16H6zM9 9h6M9 13h6M9 17h3",
  "/safety-plan": "M12 3l7 3v5c0 5-3 8-7 10-4-2-7-5-7-10V6z",
  "/settings": "M12 9a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2",
};

export function NavIcon({ path }: { path: string }) {
  const d = PATHS[path];
  if (!d) return null;
  return (
    <svg
      class="nav-icon"
      viewBox="0 0 24 24"
      width="24"
      height="24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width={path === "/more" ? 3 : 1.8}
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={d} />
    </svg>
  );
}
