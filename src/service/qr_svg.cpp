#include "service/qr_svg.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace bank {

namespace {

constexpr int quiet_zone = 4;  // modules of white around the symbol, as ISO/IEC 18004 asks

}  // namespace

std::string qr_svg(std::string_view text) {
    const std::string input(text);
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code) throw std::runtime_error("libqrencode could not encode the text");
    const int width = code->width;
    const int size = width + 2 * quiet_zone;
    std::string path;
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width; ++x) {
            // The lowest bit of each byte is the module's colour (1: black).
            if ((code->data[y * width + x] & 1) == 0) continue;
            path.append("M").append(std::to_string(x + quiet_zone)).append(" ");
            path.append(std::to_string(y + quiet_zone)).append("h1v1h-1z");
        }
    }
    const std::string dimension = std::to_string(size);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + dimension + " " +
           dimension + "\" width=\"" + std::to_string(size * 6) + "\" height=\"" +
           std::to_string(size * 6) +
           "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
           "fill=\"#fff\"/><path fill=\"#000\" d=\"" +
           path + "\"/></svg>";
}

}  // namespace bank
