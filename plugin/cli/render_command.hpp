#pragma once

#include <QStringList>

namespace stagehand::cli {

// `stagehand-cli render`: one overlay, or the whole stage, drawn by the plugin's real sources in
// a headless libobs with a preset's look, written as a PNG:
//   render --preset FILE|NAME --code FILE [--lang L] [--out OUT.png] [--size WxH]
//   render --preset FILE|NAME --question TEXT [--author NAME] --out OUT.png [--size WxH]
//   render --preset FILE|NAME --slide N/M [--talk FILE] --out OUT.png [--size WxH]
//   render --preset FILE|NAME --stage [--code F] [--question T] [--slide N/M] [--scale S] --out P
// With no display it runs itself again under xvfb-run. Exit 0 when written, 1 when the preset
// is broken or nothing could be drawn (the reason on stderr), 2 for a bad command line.
int run_render(const QStringList& arguments);

} // namespace stagehand::cli
