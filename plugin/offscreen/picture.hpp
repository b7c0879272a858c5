#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace stagehand::offscreen {

// An RGBA8 image with premultiplied alpha, as read back from a libobs render target.
struct Image {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::vector<std::uint8_t> rgba;

    const std::uint8_t* pixel(std::uint32_t x, std::uint32_t y) const {
        return rgba.data() + (static_cast<std::size_t>(y) * width + x) * 4;
    }
    bool empty() const { return width == 0 || height == 0; }
    // True when any pixel has non-zero alpha.
    bool any_coverage() const;
};

// PNG through Qt's image writer (straight alpha in the file, as viewers expect).
bool save_png(const Image& image, const std::string& path);
bool load_png(const std::string& path, Image& image);

} // namespace stagehand::offscreen
