// Where the kiosk finds its assets and keeps its data. No UI, no SQLite.
#pragma once

#include <string>
#include <string_view>

namespace treffpunkt {

// The directory holding assets (i18n/, sample/, …), searched in this order; the first that
// exists wins:
//   1. $TREFFPUNKT_ASSETS_DIR
//   2. <directory of the executable>/../share/treffpunkt   (an installed package)
//   3. the install prefix's share/treffpunkt chosen at build time
//   4. the source tree's assets/ (a developer build)
std::string AssetsDir();

// AssetsDir() + "/" + relative.
std::string AssetPath(std::string_view relative);

// The kiosk's data directory: $TREFFPUNKT_DATA_DIR, else $XDG_DATA_HOME/treffpunkt, else
// ~/.local/share/treffpunkt. Not created here.
std::string DefaultDataDir();

// DefaultDataDir() + "/replica.db".
std::string DefaultDatabasePath();

}  // namespace treffpunkt
