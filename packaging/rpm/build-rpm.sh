#!/bin/sh
# Builds target/nlagent-VERSION-1.noarch.rpm from the built jar with Debian's (or any) rpmbuild:
#   packaging/rpm/build-rpm.sh BASEDIR VERSION
# Called by `mvn -Pdeb package` (exec-maven-plugin) after the shaded jar and the .deb. Stages the
# sources in target/rpmbuild, so the spec compiles nothing and the RPM holds the same files as the .deb.
set -eu
base=$1
version=$2
command -v rpmbuild >/dev/null 2>&1 || { echo "build-rpm: rpmbuild not found (Debian: apt-get install rpm)" >&2; exit 1; }
top=$base/target/rpmbuild
rm -rf "$top"
mkdir -p "$top/SOURCES" "$top/SPECS" "$top/examples/snmpd" "$top/examples/kubernetes" "$top/examples/prometheus"
cp "$base/target/nlagent.jar" "$base/packaging/nlagent" "$base/packaging/nlagent.service" "$base/config/nlagent.conf" \
   "$base/mibs/DCACHE-HEALTH-MIB.txt" "$base/README.md" "$top/SOURCES/"
cp "$base/packaging/rpm/nlagent.sysusers" "$top/SOURCES/"
cp -R "$base/config/snmpd/." "$top/examples/snmpd/"
cp -R "$base/packaging/kubernetes/." "$top/examples/kubernetes/"
cp -R "$base/packaging/prometheus/." "$top/examples/prometheus/"
# examples as one tar with fixed owners and modes, so the RPM's modes do not depend on the checkout's umask
find "$top/examples" -type d -exec chmod 0755 {} + && find "$top/examples" -type f -exec chmod 0644 {} +
tar -C "$top/examples" --owner=0 --group=0 --numeric-owner --sort=name -cf "$top/SOURCES/examples.tar" .
cp "$base/packaging/rpm/nlagent.spec" "$top/SPECS/"
# the EL names of the unit and doc paths are spelled out in the spec; these defines keep Debian's
# rpmbuild from looking for build dependencies or debug packages it cannot know about
rpmbuild -bb --quiet \
    --define "_topdir $top" \
    --define "nlagent_version $version" \
    --define "_binary_payload w2.xzdio" \
    --define "debug_package %{nil}" \
    --define "__os_install_post %{nil}" \
    --nodeps \
    "$top/SPECS/nlagent.spec"
cp "$top/RPMS/noarch/nlagent-$version-1.noarch.rpm" "$base/target/"
echo "build-rpm: $base/target/nlagent-$version-1.noarch.rpm"
