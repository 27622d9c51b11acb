#!/usr/bin/env bash
# Writes the progress chart's font: Noto Sans CJK SC (SIL Open Font License 1.1, from Debian's fonts-noto-cjk)
# cut down to printable ASCII and the characters of the chart's Chinese labels (the "chart." strings of
# dialogs/locales/zh-CN.json), so the chart draws Chinese without any font installed on the server.
# --recalc-bounds: ScottPlot places text by the font's bounding box (head yMax), which must be that of the kept glyphs.
# Run it again after changing a "chart." string; ProgressChartTests fails while a label has a character the font lacks.
# Needs (at development time only): apt-get install fonts-noto-cjk fonttools
set -euo pipefail
cd "$(dirname "$0")/.."
source_font=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
out=src/BackCareBot.Care/Charts/Font/NotoSansSC-Chart.otf
chars=$(/usr/bin/python3 -c '
import json
strings = json.load(open("dialogs/locales/zh-CN.json", encoding="utf-8"))["strings"]
text = "".join(v for k, v in strings.items() if k.startswith("chart."))
print("".join(sorted(set(c for c in text if ord(c) > 126))))')
# Font number 2 of the collection is the Simplified Chinese face.
pyftsubset "$source_font" --font-number=2 --unicodes="U+0020-007E" --text="$chars" \
  --layout-features='*' --name-IDs='*' --name-languages='*' --notdef-outline --recalc-bounds --output-file="$out"
echo "wrote $out ($(stat -c %s "$out") bytes): ASCII and $chars"
