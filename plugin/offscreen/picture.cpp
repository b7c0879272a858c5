#include "offscreen/picture.hpp"

#include <QImage>
#include <QString>

#include <cstring>

namespace stagehand::offscreen {

bool save_png(const Image& image, const std::string& path) {
    if (image.empty())
        return false;
    QImage q(image.rgba.data(), static_cast<int>(image.width), static_cast<int>(image.height),
             static_cast<int>(image.width * 4), QImage::Format_RGBA8888_Premultiplied);
    return q.save(QString::fromStdString(path), "PNG");
}

bool load_png(const std::string& path, Image& image) {
    QImage q;
    if (!q.load(QString::fromStdString(path), "PNG"))
        return false;
    q = q.convertToFormat(QImage::Format_RGBA8888_Premultiplied);
    image.width = static_cast<std::uint32_t>(q.width());
    image.height = static_cast<std::uint32_t>(q.height());
    image.rgba.resize(static_cast<std::size_t>(image.width) * image.height * 4);
    for (int y = 0; y < q.height(); ++y)
        std::memcpy(image.rgba.data() + static_cast<std::size_t>(y) * image.width * 4,
                    q.constScanLine(y), image.width * 4);
    return true;
}

} // namespace stagehand::offscreen
