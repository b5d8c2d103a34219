import { KIOSK_COLOURS } from './svg';

/** The operator page's one stylesheet (served from the office itself: KRDS colours, system Korean fonts). */
export const OPERATOR_CSS = `
:root { --fg: #1e2124; --fg-subtle: #464c53; --bg: #ffffff; --bg-subtle: #f4f5f6; --primary: #256ef4; --primary-text: #0b50d0; --danger: #bd2c0f; --warning: #8a5c00; --success: #267337; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'Pretendard GOV', 'Noto Sans CJK KR', 'Malgun Gothic', sans-serif; font-size: 16px; line-height: 1.5; color: var(--fg); background: var(--bg-subtle); }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 16px 24px; padding: 16px 24px; background: var(--bg); border-bottom: 2px solid var(--primary); }
header h1 { margin: 0; font-size: 24px; }
header .who { margin: 0; color: var(--fg-subtle); }
header .date { margin-left: auto; }
main { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 560px), 1fr)); gap: 16px; padding: 16px 24px; }
section { background: var(--bg); border: 1px solid #d6d9dd; border-radius: 8px; padding: 16px 20px; min-width: 0; }
section#today, section#per-day, section#per-document { grid-column: 1 / -1; }
details summary { cursor: pointer; color: var(--primary-text); margin: 12px 0; }
h2 { margin: 0 0 12px; font-size: 20px; }
h3 { font-size: 16px; margin: 16px 0 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 6px 8px; border-bottom: 1px solid #e6e8ea; text-align: left; vertical-align: middle; }
thead th { color: var(--fg-subtle); font-weight: 600; border-bottom: 2px solid #c6cacf; }
tfoot th, tfoot td { font-weight: 700; border-top: 2px solid #c6cacf; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.count { font-size: 20px; font-weight: 700; }
td.off { color: var(--danger); font-weight: 700; }
small { color: var(--fg-subtle); }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 8px; }
${KIOSK_COLOURS.map((colour, i) => `.swatch.k${i} { background: ${colour}; }`).join('\n')}
#attention ul { list-style: none; margin: 0; padding: 0; }
li.attention { padding: 8px 12px; margin-bottom: 6px; border-left: 6px solid var(--danger); background: #fdf0ed; }
li.attention.device-warning, li.attention.low-paper, li.attention.low-coins, li.attention.receipt-paper-low { border-color: var(--warning); background: #fdf6e6; }
li.attention .kind { font-weight: 700; color: var(--danger); }
li.attention.device-warning .kind, li.attention.low-paper .kind, li.attention.low-coins .kind, li.attention.receipt-paper-low .kind { color: var(--warning); }
p.all-well { color: var(--success); font-weight: 700; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg .grid { stroke: #e6e8ea; stroke-width: 1; }
svg .baseline { stroke: #464c53; stroke-width: 1.5; }
svg .axis, svg .legend, svg .label, svg .value { font-size: 14px; fill: #1e2124; font-family: inherit; }
svg .axis { fill: #464c53; }
svg .bar-now { fill: #256ef4; }
svg .bar-before { fill: #9aa1a8; }
dl.figures { display: grid; grid-template-columns: auto auto; gap: 4px 24px; margin: 0; }
dl.figures dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
button { font: inherit; padding: 6px 16px; border: 2px solid var(--primary); background: var(--bg); color: var(--primary-text); border-radius: 6px; cursor: pointer; }
button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid var(--primary); outline-offset: 2px; }
input { font: inherit; padding: 6px 8px; border: 1px solid #8a949e; border-radius: 4px; }
footer { padding: 8px 24px 24px; color: var(--fg-subtle); }
a { color: var(--primary-text); }
main.login { display: block; max-width: 420px; margin: 64px auto; background: var(--bg); padding: 32px; border-radius: 8px; border: 1px solid #d6d9dd; }
main.login label { display: flex; flex-direction: column; gap: 4px; margin-bottom: 16px; }
main.login button { width: 100%; background: var(--primary); color: #fff; padding: 10px; }
p.problem { color: var(--danger); font-weight: 700; }
p.note { color: var(--fg-subtle); }
main.voucher { display: block; max-width: 720px; }
form.lookup { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 12px 16px; margin-bottom: 16px; }
form.lookup label { display: flex; flex-direction: column; gap: 4px; }
form.lookup input[name="code"] { min-width: 20em; font-size: 20px; }
dl.voucher { margin: 16px 0; }
dl.voucher dd.amount { font-size: 28px; font-weight: 700; }
dd.unpaid { color: var(--warning); font-weight: 700; }
dd.paid { color: var(--success); font-weight: 700; }
button.primary { background: var(--primary); color: #fff; font-size: 20px; padding: 10px 24px; }
p.done { color: var(--success); font-weight: 700; font-size: 20px; }
`;
