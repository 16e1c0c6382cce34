#pragma once

#include <string>
#include <string_view>

namespace bank {

// `text` as a QR code (libqrencode, error correction level M) drawn as a standalone SVG
// image: one path of black modules on white with a four-module quiet zone. Nothing in it
// runs; the page shows it through <img>.
std::string qr_svg(std::string_view text);

}  // namespace bank
