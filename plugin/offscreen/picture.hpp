#pragma once

#include "obs/snapshot.hpp"

#include <string>

namespace stagehand::offscreen {

// An RGBA8 image with premultiplied alpha, as read back from a libobs render target.
using Image = Snapshot;

// PNG through Qt's image writer (straight alpha in the file, as viewers expect).
bool save_png(const Image& image, const std::string& path);
bool load_png(const std::string& path, Image& image);

} // namespace stagehand::offscreen
