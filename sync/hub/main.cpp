// treffpunkt-hub: the central hub's server and administration commands (sync/hub/hub_cli.cpp).
#include <unistd.h>

#include <iostream>

#include "sync/hub/hub_cli.hpp"

int main(int argc, char** argv) {
    return treffpunkt::hub::RunHubCli(argc, argv, std::cin, std::cout, std::cerr,
                                      ::isatty(STDIN_FILENO) != 0);
}
