// A printed summary's QR code of its permalink (generator/templates/permalink_code.html.j2), drawn on the device
// with the pinned QR code library (generator/qr_library.py). The library is imported only here, when a summary is
// printed: a visit that prints nothing never downloads it (the service worker stores it for offline use). The code
// is an SVG of dark squares on white, its quiet zone included, so that it prints sharp at any resolution.
import { settings } from "./python.js";

const SVG = "http://www.w3.org/2000/svg";

// Draw the code of `address` in the summary's figure and write the address beside it. The address is written even
// if the library cannot be loaded: the paper then still says where the computation is.
export async function drawPermalinkCode(summary, address) {
  const figure = summary.querySelector("[data-permalink-code]");
  figure.querySelector("[data-slot=permalink]").textContent = address;
  const slot = figure.querySelector("[data-slot=qr]");
  slot.replaceChildren();
  delete figure.dataset.address;
  let qrcode;
  try {
    ({ default: qrcode } = await import(new URL(settings.qrCode.module, document.baseURI).href));
  } catch (error) {
    console.error("calculator: the QR code library is unavailable:", error);
    return;
  }
  const code = qrcode(0, settings.qrCode.errorCorrection); // 0: the smallest version that holds the address
  code.addData(address, "Byte");
  code.make();
  const count = code.getModuleCount();
  const margin = settings.qrCode.quietZone;
  const size = count + 2 * margin;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", figure.dataset.name);
  svg.setAttribute("shape-rendering", "crispEdges");
  const paper = document.createElementNS(SVG, "rect");
  paper.setAttribute("width", String(size));
  paper.setAttribute("height", String(size));
  paper.setAttribute("fill", "#fff");
  const dark = document.createElementNS(SVG, "path");
  dark.setAttribute("d", darkModules(code, count, margin));
  dark.setAttribute("fill", "#000");
  svg.append(paper, dark);
  slot.append(svg);
  figure.style.setProperty("--qr-modules", String(size)); // its printed size follows (calculator.css)
  figure.dataset.address = address;
}

// The dark modules as one path: each row's runs of dark modules as rectangles one module high.
function darkModules(code, count, margin) {
  const runs = [];
  for (let row = 0; row < count; row += 1) {
    for (let column = 0; column < count; column += 1) {
      if (!code.isDark(row, column)) continue;
      const start = column;
      while (column + 1 < count && code.isDark(row, column + 1)) column += 1;
      runs.push(`M${start + margin} ${row + margin}h${column - start + 1}v1H${start + margin}z`);
    }
  }
  return runs.join("");
}
