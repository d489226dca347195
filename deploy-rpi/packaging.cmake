# Debian packages (CPack DEB, one package per component):
#   treffpunkt-kiosk  the kiosk app, its assets, the cage session unit, night-schedule helper
#   treffpunkt-hub    the hub server and its hardened unit (only when the target exists)
# Included at the end of the top-level CMakeLists.txt. Both architectures from a clean checkout:
#   deploy-rpi/dev.sh packages          (or deploy-rpi/build-packages.sh once the deps are in)
# Layout on the target: programs in /usr/bin, assets in /usr/share/treffpunkt, configuration in
# /etc/treffpunkt (kiosk) and /etc/treffpunkt-hub (hub, the path treffpunkt-hub reads by
# default), data in /var/lib/treffpunkt and /var/lib/treffpunkt-hub (made by postinst).
#
# Every rule here is EXCLUDE_FROM_ALL: a plain `cmake --install` installs only what the modules
# install (the programs), never files under /etc or /lib. CPack installs the components.

set(_tp_deploy "${CMAKE_CURRENT_LIST_DIR}")
# Debian 12 paths: its systemd and udev packages still use /lib (see `pkg-config --variable=
# systemdsystemunitdir systemd`); sysusers.d and tmpfiles.d live in /usr/lib.
set(_tp_unitdir /lib/systemd/system)
set(_tp_udevrulesdir /lib/udev/rules.d)
set(_tp_sysusersdir /usr/lib/sysusers.d)
set(_tp_tmpfilesdir /usr/lib/tmpfiles.d)
set(_tp_libexecdir /usr/libexec/treffpunkt)

set(_tp_components kiosk)

# --- treffpunkt-kiosk ---------------------------------------------------------------------
install(TARGETS treffpunkt-kiosk RUNTIME DESTINATION bin COMPONENT kiosk EXCLUDE_FROM_ALL)
# Assets: translations, the sample data, and whatever else assets/ gains. The SQL migrations
# are compiled into the program.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/assets/" DESTINATION share/treffpunkt
        COMPONENT kiosk EXCLUDE_FROM_ALL
        PATTERN migrations EXCLUDE)
if(EXISTS "${PROJECT_SOURCE_DIR}/config/kiosk.example.toml")
    install(FILES "${PROJECT_SOURCE_DIR}/config/kiosk.example.toml" DESTINATION /etc/treffpunkt
            RENAME kiosk.toml COMPONENT kiosk EXCLUDE_FROM_ALL)
else()
    message(WARNING "config/kiosk.example.toml is missing: treffpunkt-kiosk ships no kiosk.toml")
endif()
install(FILES "${_tp_deploy}/session/treffpunkt-kiosk.default" DESTINATION /etc/default
        RENAME treffpunkt-kiosk COMPONENT kiosk EXCLUDE_FROM_ALL)
install(FILES "${_tp_deploy}/systemd/treffpunkt-kiosk.service" DESTINATION ${_tp_unitdir}
        COMPONENT kiosk EXCLUDE_FROM_ALL)
install(FILES "${_tp_deploy}/systemd/treffpunkt-kiosk.sysusers" DESTINATION ${_tp_sysusersdir}
        RENAME treffpunkt-kiosk.conf COMPONENT kiosk EXCLUDE_FROM_ALL)
install(FILES "${_tp_deploy}/systemd/treffpunkt-kiosk.tmpfiles" DESTINATION ${_tp_tmpfilesdir}
        RENAME treffpunkt-kiosk.conf COMPONENT kiosk EXCLUDE_FROM_ALL)
install(FILES "${_tp_deploy}/udev/70-treffpunkt-backlight.rules" DESTINATION ${_tp_udevrulesdir}
        COMPONENT kiosk EXCLUDE_FROM_ALL)
install(PROGRAMS "${_tp_deploy}/session/display-power" DESTINATION ${_tp_libexecdir}
        COMPONENT kiosk EXCLUDE_FROM_ALL)
# Drop-ins that deploy-rpi/install.sh puts in place on a kiosk (not active by themselves: they
# change the whole machine) and install.sh itself, so that a Pi needs only the package.
install(FILES
            "${_tp_deploy}/systemd/journald-treffpunkt-kiosk.conf"
            "${_tp_deploy}/systemd/logind-treffpunkt-kiosk.conf"
            "${_tp_deploy}/systemd/sysctl-treffpunkt-kiosk.conf"
        DESTINATION share/treffpunkt/kiosk-setup COMPONENT kiosk EXCLUDE_FROM_ALL)
install(PROGRAMS "${_tp_deploy}/install.sh" DESTINATION share/treffpunkt/kiosk-setup
        COMPONENT kiosk EXCLUDE_FROM_ALL)
if(EXISTS "${PROJECT_SOURCE_DIR}/docs/operations.md")
    install(FILES "${PROJECT_SOURCE_DIR}/docs/operations.md"
            DESTINATION share/doc/treffpunkt-kiosk COMPONENT kiosk EXCLUDE_FROM_ALL)
endif()

# An invisible cursor theme for cage (XCURSOR_THEME=treffpunkt-blank in the unit): cage draws
# its own arrow as soon as a mouse-like device is attached, before the app hides the pointer.
# One Xcursor file, 1x1 transparent pixel (format: libXcursor's Xcursor(3)), written with
# printf because CMake strings cannot hold NUL bytes.
set(_tp_cursor "${CMAKE_CURRENT_BINARY_DIR}/treffpunkt-blank-cursor")
execute_process(
    COMMAND printf "Xcur\\020\\0\\0\\0\\0\\0\\001\\0\\001\\0\\0\\0\\002\\0\\375\\377\\001\\0\\0\\0\\034\\0\\0\\0$\\0\\0\\0\\002\\0\\375\\377\\001\\0\\0\\0\\001\\0\\0\\0\\001\\0\\0\\0\\001\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0"
    OUTPUT_FILE "${_tp_cursor}"
    RESULT_VARIABLE _tp_cursor_rc)
if(NOT _tp_cursor_rc EQUAL 0)
    message(FATAL_ERROR "could not write the blank cursor (printf failed)")
endif()
foreach(_tp_name left_ptr default)
    install(FILES "${_tp_cursor}" DESTINATION share/treffpunkt/cursors/treffpunkt-blank/cursors
            RENAME ${_tp_name} COMPONENT kiosk EXCLUDE_FROM_ALL)
endforeach()

# --- treffpunkt-hub -----------------------------------------------------------------------
if(TARGET treffpunkt-hub)
    list(APPEND _tp_components hub)
    install(TARGETS treffpunkt-hub RUNTIME DESTINATION bin COMPONENT hub EXCLUDE_FROM_ALL)
    if(EXISTS "${PROJECT_SOURCE_DIR}/config/hub.example.toml")
        install(FILES "${PROJECT_SOURCE_DIR}/config/hub.example.toml"
                DESTINATION /etc/treffpunkt-hub RENAME hub.toml COMPONENT hub EXCLUDE_FROM_ALL)
    else()
        message(WARNING "config/hub.example.toml is missing: treffpunkt-hub ships no hub.toml")
    endif()
    install(FILES "${_tp_deploy}/systemd/treffpunkt-hub.service" DESTINATION ${_tp_unitdir}
            COMPONENT hub EXCLUDE_FROM_ALL)
    install(FILES "${_tp_deploy}/systemd/treffpunkt-hub.sysusers" DESTINATION ${_tp_sysusersdir}
            RENAME treffpunkt-hub.conf COMPONENT hub EXCLUDE_FROM_ALL)
    install(FILES "${_tp_deploy}/systemd/treffpunkt-hub.tmpfiles" DESTINATION ${_tp_tmpfilesdir}
            RENAME treffpunkt-hub.conf COMPONENT hub EXCLUDE_FROM_ALL)
    foreach(_tp_doc operations.md protocol.md)
        if(EXISTS "${PROJECT_SOURCE_DIR}/docs/${_tp_doc}")
            install(FILES "${PROJECT_SOURCE_DIR}/docs/${_tp_doc}"
                    DESTINATION share/doc/treffpunkt-hub COMPONENT hub EXCLUDE_FROM_ALL)
        endif()
    endforeach()
endif()

# --- CPack --------------------------------------------------------------------------------
# The Debian architecture: set by the cross toolchain (deploy-rpi/toolchain-aarch64.cmake),
# else the build machine's (CPack asks dpkg).
if(DEFINED TREFFPUNKT_DEB_ARCHITECTURE)
    set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "${TREFFPUNKT_DEB_ARCHITECTURE}")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME treffpunkt)
set(CPACK_PACKAGE_VENDOR "Kreisstadt Saarlouis")
set(CPACK_PACKAGE_CONTACT "Treffpunkt <treffpunkt@saarlouis.invalid>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL ${_tp_components})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# Library dependencies come from dpkg-shlibdeps (for arm64 it reads the arm64 packages'
# shlibs from dpkg's database, which the multiarch install provides).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# Each package's description below starts with its own summary line. CPackDeb would put the
# project's one summary in front of both, unless the summary is CPack's placeholder, which it
# skips: so it is set to exactly that.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME treffpunkt-kiosk)
set(CPACK_DEBIAN_KIOSK_DESCRIPTION "Touch kiosk for the meeting places (Orte der Begegnung) of Saarlouis
Shows local offers, care-circle helpers and contacts on a touch screen, from
a local copy of the city's data that is kept in sync with the city's hub.
Starts at boot under cage (Wayland kiosk compositor) with Xwayland; see
/usr/share/doc/treffpunkt-kiosk and /usr/share/treffpunkt/kiosk-setup.")
# Besides the libraries dpkg-shlibdeps finds: systemd (sysusers/tmpfiles in postinst), seatd
# (cage's seat), xwayland (touch as pointer events for GLFW), libgl1 and Mesa's drivers (GLFW
# loads libGL at run time, so shlibdeps cannot see it), the fonts (Noto Sans, DejaVu Sans).
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
    "systemd, init-system-helpers, cage, xwayland, seatd, libgl1, libgl1-mesa-dri, fonts-noto-core, fonts-dejavu-core, espeak-ng-data")
# cec-ctl for HDMI-CEC in the night schedule.
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "v4l-utils")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    "${_tp_deploy}/debian/kiosk/conffiles"
    "${_tp_deploy}/debian/kiosk/postinst"
    "${_tp_deploy}/debian/kiosk/prerm"
    "${_tp_deploy}/debian/kiosk/postrm")

set(CPACK_DEBIAN_HUB_PACKAGE_NAME treffpunkt-hub)
set(CPACK_DEBIAN_HUB_DESCRIPTION "Central hub for the Treffpunkt kiosks of Saarlouis
The city's system of record for the kiosks' data: the HTTPS sync server for
the kiosks, pairing, volunteers' accounts, moderation of conflicting edits,
and the administration command line. Runs as a hardened systemd service.")
set(CPACK_DEBIAN_HUB_PACKAGE_DEPENDS "systemd, init-system-helpers")
set(CPACK_DEBIAN_HUB_PACKAGE_CONTROL_EXTRA
    "${_tp_deploy}/debian/hub/conffiles"
    "${_tp_deploy}/debian/hub/postinst"
    "${_tp_deploy}/debian/hub/prerm"
    "${_tp_deploy}/debian/hub/postrm")

include(CPack)
