// Product pictures as small inline SVG (no external assets). Each drawing is
// a 100×100 scene on a soft background.

const BG = {
  earbuds: ['#eef3ff', '#dfe8ff'], charger: ['#f1f1f4', '#e2e3ea'], rice: ['#fff6e6', '#ffe8bf'],
  milk: ['#eaf6ff', '#d6edff'], pods: ['#eefbf6', '#d4f3e6'], thermos: ['#f3f0ff', '#e3dcff'],
  nuts: ['#fff1e8', '#ffdcc4'], jerky: ['#ffeeee', '#ffd7d2'], mango: ['#fff8dc', '#ffeaa0'],
  bread: ['#fff5ea', '#fde2c2'], tea: ['#eef8ec', '#d3ecd0'], teaset: ['#e9f6f4', '#cbebe5'],
};

const SCENES = {
  earbuds: `
    <rect x="22" y="48" width="56" height="34" rx="17" fill="#fff" stroke="#c9d4ee" stroke-width="2"/>
    <rect x="22" y="48" width="56" height="12" rx="6" fill="#f4f7ff"/>
    <circle cx="50" cy="66" r="2.5" fill="#7bd389"/>
    <path d="M33 20c8 0 12 6 12 13s-4 11-9 11h-3z" fill="#fff" stroke="#c9d4ee" stroke-width="2"/>
    <rect x="31" y="40" width="5" height="16" rx="2.5" fill="#fff" stroke="#c9d4ee" stroke-width="2"/>
    <path d="M67 20c-8 0-12 6-12 13s4 11 9 11h3z" fill="#fff" stroke="#c9d4ee" stroke-width="2"/>
    <rect x="64" y="40" width="5" height="16" rx="2.5" fill="#fff" stroke="#c9d4ee" stroke-width="2"/>`,
  charger: `
    <rect x="30" y="30" width="40" height="46" rx="9" fill="#fff" stroke="#c6c8d2" stroke-width="2"/>
    <rect x="39" y="18" width="5" height="14" rx="1.5" fill="#aeb2bf"/>
    <rect x="56" y="18" width="5" height="14" rx="1.5" fill="#aeb2bf"/>
    <text x="50" y="58" font-size="13" text-anchor="middle" font-family="Arial" font-weight="700" fill="#333">65W</text>
    <path d="M47 63l-3 7h5l-2 6 7-9h-5l2-4z" fill="#f5a623"/>`,
  rice: `
    <path d="M26 34q24-10 48 0l4 44q-28 8-56 0z" fill="#f9f2df" stroke="#d8b56d" stroke-width="2"/>
    <path d="M28 30q22-8 44 0v6q-22-7-44 0z" fill="#c8a24f"/>
    <rect x="33" y="46" width="34" height="20" rx="3" fill="#e1251b"/>
    <text x="50" y="60" font-size="11" text-anchor="middle" fill="#fff" font-weight="700">大米</text>
    <text x="50" y="75" font-size="8" text-anchor="middle" fill="#a7823a">5kg</text>`,
  milk: `
    <path d="M34 30l8-12h16l8 12v50H34z" fill="#fff" stroke="#8fbbe8" stroke-width="2"/>
    <path d="M34 30h32" stroke="#8fbbe8" stroke-width="2"/>
    <path d="M34 58q8-6 16 0t16 0v22H34z" fill="#3d8ee6"/>
    <ellipse cx="50" cy="44" rx="7" ry="5" fill="#fff" stroke="#3d8ee6" stroke-width="1.5"/>
    <text x="50" y="74" font-size="9" text-anchor="middle" fill="#fff" font-weight="700">MILK</text>`,
  pods: `
    <rect x="24" y="36" width="52" height="42" rx="8" fill="#fff" stroke="#7fd1b0" stroke-width="2"/>
    <rect x="24" y="30" width="52" height="10" rx="5" fill="#2fb383"/>
    <circle cx="40" cy="56" r="8" fill="#5b8def" opacity=".85"/><circle cx="60" cy="56" r="8" fill="#2fb383" opacity=".85"/>
    <circle cx="50" cy="66" r="8" fill="#f5a623" opacity=".85"/>`,
  thermos: `
    <rect x="38" y="16" width="24" height="10" rx="3" fill="#6b5cd6"/>
    <rect x="36" y="26" width="28" height="56" rx="8" fill="#8b7ef0"/>
    <rect x="40" y="32" width="5" height="42" rx="2.5" fill="#fff" opacity=".35"/>
    <rect x="36" y="70" width="28" height="4" fill="#6b5cd6"/>`,
  nuts: `
    <rect x="30" y="24" width="40" height="56" rx="10" fill="#fff" stroke="#f0a26b" stroke-width="2"/>
    <rect x="30" y="24" width="40" height="12" rx="6" fill="#e8742b"/>
    <ellipse cx="42" cy="54" rx="6" ry="8" fill="#c9803e"/><ellipse cx="56" cy="50" rx="5" ry="7" fill="#9b5a25"/>
    <ellipse cx="52" cy="65" rx="7" ry="5" fill="#dba45f"/><circle cx="41" cy="68" r="4" fill="#7a4a1e"/>`,
  jerky: `
    <rect x="22" y="30" width="56" height="44" rx="8" fill="#fff" stroke="#ee8f84" stroke-width="2"/>
    <path d="M30 44q10-6 20 0t20 0v18q-10 6-20 0t-20 0z" fill="#b5422f"/>
    <path d="M34 50h32M34 56h32" stroke="#d9735f" stroke-width="1.5"/>`,
  mango: `
    <path d="M30 62q-4-26 22-36q20-6 22 14q2 24-22 32q-18 6-22-10z" fill="#ffb300"/>
    <path d="M40 58q2-16 18-22" stroke="#ffd766" stroke-width="4" fill="none" stroke-linecap="round"/>
    <path d="M60 24q6-8 14-6q-4 8-14 6z" fill="#5fae3b"/>`,
  bread: `
    <path d="M22 56q0-22 28-22t28 22v18H22z" fill="#e3a35b"/>
    <path d="M22 56q0-22 28-22t28 22" fill="none" stroke="#b9783a" stroke-width="2"/>
    <path d="M36 42q2 8 0 14M50 38q2 9 0 18M64 42q2 8 0 14" stroke="#f5cf96" stroke-width="3" fill="none" stroke-linecap="round"/>
    <rect x="22" y="68" width="56" height="8" rx="3" fill="#c98844"/>`,
  tea: `
    <rect x="32" y="26" width="36" height="52" rx="5" fill="#2f7d46"/>
    <rect x="30" y="20" width="40" height="10" rx="3" fill="#24613a"/>
    <rect x="38" y="40" width="24" height="26" rx="2" fill="#f6f0dc"/>
    <text x="50" y="57" font-size="11" text-anchor="middle" fill="#2f7d46" font-weight="700">龙井</text>
    <path d="M70 74q8-10 4-22q-8 6-4 22z" fill="#63b06d"/>`,
  teaset: `
    <ellipse cx="50" cy="78" rx="34" ry="5" fill="#b8ddd6"/>
    <path d="M28 48h36q0 24-18 26q-18-2-18-26z" fill="#7fc8b8"/>
    <path d="M64 52q10 0 8 8t-10 6" fill="none" stroke="#7fc8b8" stroke-width="4"/>
    <ellipse cx="46" cy="48" rx="18" ry="4" fill="#9fd8cb"/>
    <rect x="42" y="38" width="8" height="6" rx="2" fill="#5fb3a1"/>
    <path d="M70 66h10v6q-5 3-10 0z" fill="#7fc8b8"/>`,
};

export function productArt(name, size = 100) {
  const [a, b] = BG[name] ?? ['#f4f4f4', '#e8e8e8'];
  const id = `g-${name}`;
  return `<svg class="art" viewBox="0 0 100 100" width="${size}" height="${size}" role="img" aria-hidden="true">
    <defs><linearGradient id="${id}" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient></defs>
    <rect width="100" height="100" rx="12" fill="url(#${id})"/>${SCENES[name] ?? ''}</svg>`;
}
