# Odoo 19 with what the Spoticar addons need: spoticar_core and the OCA addons of requirements-odoo.txt.
# The addons themselves are mounted by docker-compose.yml (see README.md).
FROM odoo:19

USER root
ENV PIP_BREAK_SYSTEM_PACKAGES=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# poppler-utils: the tests read the PDFs back; wkhtmltopdf is in the base image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends poppler-utils \
    && rm -rf /var/lib/apt/lists/*

COPY pyproject.toml README.md requirements-odoo.txt /opt/spoticar/
COPY src /opt/spoticar/src
# Odoo comes from the image's Debian package, not from pip, so the OCA wheels go in without their declared
# "odoo" requirement; their own Python dependencies are listed after them.
RUN pip3 install /opt/spoticar \
    && pip3 install --no-deps -r /opt/spoticar/requirements-odoo.txt \
    && pip3 install unidecode openupgradelib

USER odoo
