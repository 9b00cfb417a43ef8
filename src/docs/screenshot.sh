#!/bin/sh
# Refreshes docs/images/page.png and page.zh-CN.png, the READMEs' screenshots: starts the lab in-process, renders its page in Debian's
# headless Chromium (packages chromium and chromium-driver; fonts-wqy-microhei or another CJK font for the Chinese
# page) and saves them. Run from the repository's root; extra arguments go to Maven (such as -o).
set -eu
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt "$@"
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" dev.keepalivelab.docs.PageScreenshot
