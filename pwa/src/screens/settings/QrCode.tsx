import { useMemo } from "preact/hooks";
import qrcode from "qrcode-generator";

/** Modules of white around the code: the QR specification's quiet zone, so scanners find it. */
const QUIET_ZONE = 4;

/**
 * A QR code drawn as one SVG path (no canvas, no data URL, nothing for the CSP to refuse), black
 * on white whatever the theme, sized by CSS. `label` is what a screen reader hears instead.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const qr = qrcode(0, "M");
    qr.addData(text);
    qr.make();
    const count = qr.getModuleCount();
    let d = "";
    for (let row = 0; row < count; row++) {
      for (let col = 0; col < count; col++) {
        if (qr.isDark(row, col)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
      }
    }
    return { size: count + 2 * QUIET_ZONE, path: d };
  }, [text]);
  return (
    <svg
      class="qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shape-rendering="crispEdges"
      data-testid="totp-qr"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
