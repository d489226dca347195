#!/usr/bin/env bash
# Runs the real kiosk under a virtual X server (Xvfb): visits every screen with --script at
# 800x480 (7") and 1920x1080 (15.6"), a turned panel and the no-data screen; home, results, a
# detail and the keyboard in each of the seven languages at the largest text size and in
# German at each text size; and checks that every screenshot shows something. Compares the
# OpenGL and the software renderer's pictures of the same screens. Also checks the script
# runner's errors and the demo configuration.
# Usage: xvfb_screens_test.sh KIOSK_BINARY PNG_CHECK SOURCE_DIR [OUT_DIR]
set -euo pipefail
kiosk=$1; png_check=$2; src=$3; out=${4:-}
if ! command -v Xvfb >/dev/null; then
    echo "SKIP: Xvfb is not installed (apt-get install xvfb xauth)"
    exit 77
fi
# shellcheck source=tests/support/xvfb_lib.sh
source "$src/tests/support/xvfb_lib.sh"
start_xvfb 1920x1080
shots=${out:-$work/shots}
mkdir -p "$shots"

"$kiosk" --db "$work/sample.db" import "$src/assets/sample/saarlouis.json" >/dev/null
roden=ddbde832-f039-595a-b09b-05c1296565d4
printf '[kiosk]\nplace_id = "%s"\n[display]\ndiagonal_in = 7.0\n' "$roden" >"$work/7in.toml"
printf '[kiosk]\nplace_id = "%s"\n[display]\ndiagonal_in = 15.6\n' "$roden" >"$work/15in.toml"
printf '[kiosk]\nplace_id = "%s"\n[display]\ndiagonal_in = 7.0\nrotation = 90\n' "$roden" >"$work/rot.toml"

run() {  # run NAME CONFIG WxH [extra args]: the visit script, screenshots under $shots/NAME-*
    local name=$1 config=$2 size=$3
    sed "s|SHOT/|$shots/$name-|g" "$src/tests/kiosk/platform/visit_all_screens.script" >"$work/$name.script"
    "$kiosk" --db "$work/sample.db" --config "$config" --window "$size" \
        --script "$work/$name.script" --stats "$work/$name.json"
    echo "$name: $(cat "$work/$name.json")"
}
run 800x480 "$work/7in.toml" 800x480
run 1920x1080 "$work/15in.toml" 1920x1080

# A panel turned 90 degrees: the picture is portrait, taps still land.
printf 'expect Angebote\ntap Angebote\nexpect Kostenlos\nscreenshot %s/rotated-results.png\n' "$shots" >"$work/rot.script"
"$kiosk" --db "$work/sample.db" --config "$work/rot.toml" --window 800x480 --script "$work/rot.script"

# No data: the friendly screen, never a crash.
printf 'expect Noch keine Daten\nscreenshot %s/no-data.png\n' "$shots" >"$work/empty.script"
"$kiosk" --db "$work/empty.db" --config "$work/7in.toml" --window 800x480 --script "$work/empty.script"
echo "not a database" >"$work/corrupt.db"
"$kiosk" --db "$work/corrupt.db" --config "$work/7in.toml" --window 800x480 --script "$work/empty.script"

# Each language at the largest text, German at each size, on the 7" panel: home, results (with
# "Vorlesen": the button is forced on), the keyboard (the count and the course found stay in
# view above it), a detail and the language list. Labels come from the catalogs, so the script
# taps what a reader of that language sees.
catalog() { grep "\"$2\":" "$src/assets/i18n/$1.json" | sed 's/^ *"[^"]*": "\(.*\)",\{0,1\}$/\1/'; }
endonym() {
    case $1 in de) echo Deutsch;; en) echo English;; fr) echo Français;; tr) echo Türkçe;;
        uk) echo Українська;; ru) echo Русский;; ar) echo العربية;; esac
}
course_title() {  # the Deutschkurs A1 as listed in each language (no Russian translation)
    case $1 in
        en) echo "German course A1 – for beginners";;
        fr) echo "Cours d'allemand A1 – pour débutants";;
        tr) echo "Almanca kursu A1 – yeni başlayanlar için";;
        uk) echo "Курс німецької мови A1 – для початківців";;
        ar) echo "دورة اللغة الألمانية A1 – للمبتدئين";;
        *) echo "Deutschkurs A1 – für Anfängerinnen und Anfänger";;
    esac
}
lang_run() {  # lang_run LANG SIZE: screenshots $shots/lang-LANG-SIZE-*.png
    local lang=$1 size=$2 name="lang-$1-$2"
    printf '[kiosk]\nplace_id = "%s"\n[display]\ndiagonal_in = 7.0\n[languages]\ndefault = "%s"\n[theme]\ntext_size = "%s"\n[speech]\nread_aloud = "on"\n' \
        "$roden" "$lang" "$size" >"$work/$name.toml"
    {
        echo "expect $(catalog "$lang" home.offers)"
        echo "expect $(catalog "$lang" settings.language): $(endonym "$lang")"
        echo "screenshot $shots/$name-1-home.png"
        echo "tap $(catalog "$lang" home.offers)"
        echo "expect ▶ $(catalog "$lang" speech.read_aloud)"
        echo "screenshot $shots/$name-2-results.png"
        echo "tap $(catalog "$lang" home.search)"
        echo "type Deutschkurs A1"
        echo "expect Deutschkurs A1"
        # While typing, the count and the course stay in view above the keyboard.
        echo "expect $(catalog "$lang" results.count.one)"
        echo "expect $(course_title "$lang")"
        echo "screenshot $shots/$name-3-keyboard.png"
        echo "tap $(catalog "$lang" keyboard.done)"
        echo "tap $(course_title "$lang")"
        echo "expect $(catalog "$lang" detail.when)"
        echo "screenshot $shots/$name-4-offer.png"
        echo "tap $(catalog "$lang" nav.home)"
        echo "tap $(catalog "$lang" settings.language): $(endonym "$lang")"
        echo "expect $(catalog "$lang" language.choose)"
        echo "screenshot $shots/$name-5-languages.png"
        echo "quit"
    } >"$work/$name.script"
    "$kiosk" --db "$work/sample.db" --config "$work/$name.toml" --window 800x480 \
        --script "$work/$name.script" 2>"$work/$name.err" || { cat "$work/$name.err"; exit 1; }
}
for lang in de en fr tr uk ru ar; do lang_run "$lang" largest; done
lang_run de normal
lang_run de large

# The demo configuration (deploy-rpi/dev.sh run): Innenstadt in an 800x480 window.
printf 'expect Ort der Begegnung Innenstadt\nexpect Heute hier\nscreenshot %s/demo-home.png\n' "$shots" >"$work/demo.script"
"$kiosk" --db "$work/sample.db" --config "$src/assets/sample/kiosk-demo.toml" --script "$work/demo.script"

"$png_check" "$shots"/*.png
count=$(find "$shots" -maxdepth 1 -name '*.png' | wc -l)
[ "$count" -ge 78 ] || { echo "expected at least 78 screenshots, got $count"; exit 1; }

# Xvfb has no direct rendering: "auto" chose the kiosk's own CPU rasterizer for the runs above.
grep -q '"renderer": "software"' "$work/800x480.json" || { echo "auto did not pick software"; exit 1; }
# The two renderers draw the same pictures: OpenGL (Mesa) against the CPU rasterizer, upright
# and turned, in the default and the high-contrast theme, with Arabic, Cyrillic and the keyboard.
compare_run() {  # compare_run NAME ROTATION THEME LANG: screenshots $work/cmp-NAME-RENDERER-*.png
    local name=$1 rotation=$2 contrast=$3 lang=$4
    for renderer in opengl software; do
        printf '[display]\ndiagonal_in = 7.0\nrotation = %s\nrenderer = "%s"\n[theme]\nhigh_contrast = %s\n[languages]\ndefault = "%s"\n' \
            "$rotation" "$renderer" "$contrast" "$lang" >"$work/cmp.toml"
        {
            echo "screenshot $work/cmp-$name-$renderer-1.png"
            echo "tap $(catalog "$lang" home.offers)"
            echo "screenshot $work/cmp-$name-$renderer-2.png"
            echo "tap $(catalog "$lang" home.search)"
            echo "type Deutschkurs"
            echo "screenshot $work/cmp-$name-$renderer-3.png"
            echo "tap $(catalog "$lang" keyboard.done)"
            echo "tap $(course_title "$lang")"
            echo "screenshot $work/cmp-$name-$renderer-4.png"
            echo "quit"
        } >"$work/cmp.script"
        "$kiosk" --db "$work/sample.db" --config "$work/cmp.toml" --window 800x480 \
            --script "$work/cmp.script" --stats "$work/cmp-$renderer.json"
        grep -q "\"renderer\": \"$renderer\"" "$work/cmp-$renderer.json" ||
            { echo "$name: not drawn by $renderer"; exit 1; }
    done
    for i in 1 2 3 4; do
        "$png_check" --same "$work/cmp-$name-opengl-$i.png" "$work/cmp-$name-software-$i.png"
    done
}
compare_run upright 0 false de
compare_run turned 90 true ar
compare_run cyrillic 180 false uk
# A display without shared memory (as a remote one): the picture goes through the socket.
start_xvfb 1920x1080 -extension MIT-SHM
printf '[display]\ndiagonal_in = 7.0\nrenderer = "software"\n' >"$work/noshm.toml"
printf 'screenshot %s/noshm-1.png\nquit\n' "$work" >"$work/noshm.script"
"$kiosk" --db "$work/sample.db" --config "$work/noshm.toml" --window 800x480 \
    --script "$work/noshm.script" --stats "$work/noshm.json"
grep -q '"present": "socket"' "$work/noshm.json" || { echo "no-SHM: $(cat "$work/noshm.json")"; exit 1; }
grep -q '"present": "shm"' "$work/cmp-software.json" || { echo "SHM: $(cat "$work/cmp-software.json")"; exit 1; }
"$png_check" --same "$work/cmp-upright-opengl-1.png" "$work/noshm-1.png"

# The script runner's errors: unknown command (exit 2, with the line), failed expect (exit 1).
printf 'tap Angebote\nfrobnicate\n' >"$work/bad.script"
set +e
"$kiosk" --db "$work/sample.db" --window 800x480 --script "$work/bad.script" 2>"$work/bad.err"
rc=$?
set -e
if [ "$rc" -ne 2 ] || ! grep -q "bad.script:2: unknown command 'frobnicate'" "$work/bad.err"; then
    echo "unknown command: rc=$rc $(cat "$work/bad.err")"
    exit 1
fi
printf 'expect Dieser Text steht nirgends\n' >"$work/expect.script"
set +e
"$kiosk" --db "$work/sample.db" --window 800x480 --script "$work/expect.script" 2>"$work/expect.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "failed expect should exit 1, got $rc"; exit 1; }
# A missing display names what to set.
set +e
DISPLAY=:9999 "$kiosk" --db "$work/sample.db" --window 800x480 --exit-after 1 2>"$work/nodisplay.err"
rc=$?
set -e
if [ "$rc" -eq 0 ] || ! grep -q "DISPLAY" "$work/nodisplay.err"; then
    echo "no display: rc=$rc"
    exit 1
fi
echo "xvfb screens: $count screenshots OK"
