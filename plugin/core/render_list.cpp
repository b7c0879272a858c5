#include "core/render_list.hpp"

#include <algorithm>
#include <cstdio>

namespace stagehand::core {

std::string describe(const RenderList& list) {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "size %ux%u\n", list.width, list.height);
    out += line;
    for (const ShapeQuad& s : list.shapes) {
        std::snprintf(line, sizeof line, "shape %.2f,%.2f %.2fx%.2f r=%.2f soft=%.2f %s", s.rect.x,
                      s.rect.y, s.rect.w, s.rect.h, s.radius, s.softness, to_hex(s.top).c_str());
        out += line;
        if (s.bottom != s.top)
            out += " -> " + to_hex(s.bottom);
        out += '\n';
    }
    return out;
}

void VertexStreams::clear() {
    position.clear();
    color.clear();
    tex0.clear();
    tex1.clear();
}

void append_vertices(const RenderList& list, VertexStreams& out) {
    const std::size_t count = list.shapes.size() * kVerticesPerQuad;
    out.position.reserve(out.position.size() + count * 4);
    out.color.reserve(out.color.size() + count);
    out.tex0.reserve(out.tex0.size() + count * 4);
    out.tex1.reserve(out.tex1.size() + count * 4);

    for (const ShapeQuad& s : list.shapes) {
        const float soft = std::max(s.softness, 1.0f);
        const float half_w = s.rect.w * 0.5f;
        const float half_h = s.rect.h * 0.5f;
        const float cx = s.rect.x + half_w;
        const float cy = s.rect.y + half_h;
        const float radius = std::clamp(s.radius, 0.0f, std::min(half_w, half_h));
        // The edge fades over `soft` pixels centred on the outline: grow the quad to hold it.
        const float grow = soft * 0.5f + 1.0f;
        const float x0 = s.rect.x - grow, x1 = s.rect.x + s.rect.w + grow;
        const float y0 = s.rect.y - grow, y1 = s.rect.y + s.rect.h + grow;
        const std::uint32_t top = to_vertex_rgba8(s.top);
        const std::uint32_t bottom = to_vertex_rgba8(s.bottom);

        auto vertex = [&](float x, float y, std::uint32_t rgba) {
            out.position.insert(out.position.end(), {x, y, 0.0f, 0.0f});
            out.color.push_back(rgba);
            out.tex0.insert(out.tex0.end(), {x - cx, y - cy, 0.0f, 0.0f});
            out.tex1.insert(out.tex1.end(), {half_w, half_h, radius, soft});
        };
        // The gradient is defined over the shape's own rectangle; the grown margin keeps the end
        // colours (close enough: the margin is a few pixels of fading edge).
        vertex(x0, y0, top);
        vertex(x1, y0, top);
        vertex(x0, y1, bottom);
        vertex(x1, y0, top);
        vertex(x1, y1, bottom);
        vertex(x0, y1, bottom);
    }
}

} // namespace stagehand::core
