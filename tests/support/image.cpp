#include "image.hpp"

#include <vector>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace stagehand::test {

namespace {
std::uint32_t pixel_delta(const std::uint8_t* a, const std::uint8_t* b) {
    std::uint32_t worst = 0;
    for (int c = 0; c < 4; ++c)
        worst = std::max(worst, static_cast<std::uint32_t>(std::abs(int(a[c]) - int(b[c]))));
    return worst;
}
} // namespace

namespace {

// True when pixel (x, y) of `a` matches some pixel of `b` within one pixel of it: an edge that
// another FreeType hinted a pixel over, not a wrong colour or a missing stroke.
bool shifted_match(const Image& a, const Image& b, std::uint32_t x, std::uint32_t y,
                   std::uint32_t tolerance) {
    for (std::uint32_t ny = y > 0 ? y - 1 : 0; ny <= std::min(y + 1, b.height - 1); ++ny)
        for (std::uint32_t nx = x > 0 ? x - 1 : 0; nx <= std::min(x + 1, b.width - 1); ++nx)
            if (pixel_delta(a.pixel(x, y), b.pixel(nx, ny)) <= tolerance)
                return true;
    return false;
}

} // namespace

Comparison compare(const Image& actual, const Image& expected, std::uint32_t tolerance,
                   std::uint32_t tile_rows) {
    Comparison result;
    result.same_size = actual.width == expected.width && actual.height == expected.height;
    if (!result.same_size)
        return result;
    const std::uint32_t tile = Comparison::kTile;
    const std::uint32_t tiles_x = (actual.width + tile - 1) / tile;
    std::vector<std::size_t> per_tile(
        static_cast<std::size_t>(tiles_x) * ((actual.height + tile - 1) / tile), 0);
    for (std::uint32_t y = 0; y < actual.height; ++y)
        for (std::uint32_t x = 0; x < actual.width; ++x) {
            const std::uint32_t d = pixel_delta(actual.pixel(x, y), expected.pixel(x, y));
            result.max_channel_delta = std::max(result.max_channel_delta, d);
            if (d > tolerance) {
                ++result.pixels_over_tolerance;
                if (y < tile_rows && (!shifted_match(actual, expected, x, y, tolerance) ||
                                      !shifted_match(expected, actual, x, y, tolerance)))
                    ++per_tile[static_cast<std::size_t>(y / tile) * tiles_x + x / tile];
            }
        }
    for (std::size_t i = 0; i < per_tile.size(); ++i) {
        const auto tx = static_cast<std::uint32_t>(i % tiles_x);
        const auto ty = static_cast<std::uint32_t>(i / tiles_x);
        // Edge tiles are smaller: count against the pixels they hold.
        const double area = double(std::min(tile, actual.width - tx * tile)) *
                            double(std::min(tile, actual.height - ty * tile));
        const double fraction = double(per_tile[i]) / area;
        if (fraction > result.worst_tile_fraction) {
            result.worst_tile_fraction = fraction;
            result.worst_tile_x = tx * tile;
            result.worst_tile_y = ty * tile;
        }
    }
    const double total = double(actual.width) * double(actual.height);
    result.fraction_over_tolerance = total > 0 ? double(result.pixels_over_tolerance) / total : 0;
    return result;
}

Image diff_image(const Image& actual, const Image& expected, std::uint32_t tolerance) {
    Image out;
    out.width = std::max(actual.width, expected.width);
    out.height = std::max(actual.height, expected.height);
    out.rgba.assign(static_cast<std::size_t>(out.width) * out.height * 4, 0);
    for (std::uint32_t y = 0; y < out.height; ++y)
        for (std::uint32_t x = 0; x < out.width; ++x) {
            std::uint8_t* o = out.rgba.data() + (static_cast<std::size_t>(y) * out.width + x) * 4;
            const bool in_a = x < actual.width && y < actual.height;
            const bool in_e = x < expected.width && y < expected.height;
            if (!in_a || !in_e ||
                pixel_delta(actual.pixel(x, y), expected.pixel(x, y)) > tolerance) {
                o[0] = 255;
                o[3] = 255;
            } else {
                const std::uint8_t* e = expected.pixel(x, y);
                for (int c = 0; c < 3; ++c)
                    o[c] = static_cast<std::uint8_t>(e[c] / 3);
                o[3] = 255;
            }
        }
    return out;
}

} // namespace stagehand::test
