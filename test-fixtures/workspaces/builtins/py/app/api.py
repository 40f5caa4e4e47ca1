import os
import json, requests
from typing import List, Optional
from app.models import User, UserList
import logging

logger = logging.getLogger(__name__)


def get_user(user_id: int) -> User:
    logger.info("get_user %s", user_id)
    return User(user_id)


def list_users(
    limit: int,
) -> List[User]:
    return UserList.fetch(limit)


async def fetch_profile(user_id: int) -> Optional[dict]:
    return None


def save (user):
    db. connect(user)
    process(user)
