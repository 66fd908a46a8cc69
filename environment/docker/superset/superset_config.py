# Superset settings for the tour: the secret comes from the environment (init.sh makes one
# when none is given); metadata lives on the superset-home volume.
import os

SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]
SQLALCHEMY_DATABASE_URI = "sqlite:////app/superset_home/superset.db"
WTF_CSRF_ENABLED = True
