"""Stand-in for boto3: clients whose every call records (path `boto3.<service>.<operation>`) and answers from the world.

An answer is the world's `boto3.<service>.<operation>`: a response, or a list of cases {"when": {kwargs subset},
"response": {...}} or {"when": ..., "error": {"Code", "Message"}} (raised as botocore's ClientError). Built in, when the
world configures nothing for them: secretsmanager get_secret_value (world `secrets`: SecretId -> SecretString) and
s3 list_objects_v2 / get_object / head_object (world `s3_objects`: [{Bucket, Key, Size?, LastModified?, Body?}]).
A call with no answer fails: boto3 returns data, which no recorder can stand in for.
"""
import copy
import io
from datetime import datetime, timezone

from botocore.exceptions import ClientError
from glue_stand_in import record, world

DEFAULT_LAST_MODIFIED = '2026-01-01T00:00:00+00:00'


def client(service_name, *args, **kwargs):
    record('call', 'boto3.client', (service_name, *args), kwargs)
    return Client(service_name)


def resource(service_name, *args, **kwargs):
    raise NotImplementedError(f'the boto3 stand-in has no resources ({service_name}); use a client')


class Session:
    def __init__(self, *args, **kwargs):
        record('call', 'boto3.Session', args, kwargs)

    def client(self, service_name, *args, **kwargs):
        return client(service_name, *args, **kwargs)

    def resource(self, service_name, *args, **kwargs):
        return resource(service_name, *args, **kwargs)


class _Exceptions:
    """client.exceptions.<Code>: a ClientError subclass per error code, raised for that code."""

    def __init__(self):
        self._classes = {}

    def of(self, code):
        return self._classes.setdefault(code, type(code, (ClientError,), {}))

    def __getattr__(self, code):
        if code.startswith('__'):
            raise AttributeError(code)
        return self.of(code)


class Client:
    def __init__(self, service_name):
        self._service = service_name
        self.exceptions = _Exceptions()

    def __getattr__(self, operation):
        if operation.startswith('_'):
            raise AttributeError(operation)

        def call(**kwargs):
            record('call', f'boto3.{self._service}.{operation}', (), kwargs)
            return self._answer(operation, kwargs)
        return call

    def can_paginate(self, operation):
        return True

    def get_paginator(self, operation):
        record('call', f'boto3.{self._service}.get_paginator', (operation,))
        return _Paginator(self, operation)

    def _answer(self, operation, kwargs):
        configured = world().get('boto3', {}).get(self._service, {}).get(operation)
        if configured is not None:
            cases = configured if isinstance(configured, list) else [{'response': configured}]
            for case in cases:
                if all(kwargs.get(key) == value for key, value in case.get('when', {}).items()):
                    if 'error' in case:
                        raise self._error(case['error'], operation)
                    return copy.deepcopy(case['response'])
        builtin = _BUILTIN.get((self._service, operation))
        if builtin is not None:
            return builtin(self, operation, kwargs)
        raise NotImplementedError(f'the stand-in world has no answer for {self._service}.{operation}({kwargs})')

    def _error(self, error, operation):
        return self.exceptions.of(error.get('Code', 'Unknown'))({'Error': error}, _operation_name(operation))


class _Paginator:
    def __init__(self, client_, operation):
        self._client = client_
        self._operation = operation

    def paginate(self, **kwargs):
        record('call', f'boto3.{self._client._service}.{self._operation}.paginate', (), kwargs)
        answer = self._client._answer(self._operation, kwargs)
        return _PageIterator(answer['$pages'] if '$pages' in answer else [answer])


class _PageIterator:
    def __init__(self, pages):
        self._pages = pages

    def __iter__(self):
        return iter(self._pages)


def _operation_name(operation):
    return ''.join(part.capitalize() for part in operation.split('_'))


def _secret_value(client_, operation, kwargs):
    secret_id = kwargs['SecretId']
    secrets = world().get('secrets', {})
    if secret_id not in secrets:
        raise client_._error({'Code': 'ResourceNotFoundException', 'Message': "Secrets Manager can't find the specified secret."}, operation)
    return {'ARN': secret_id, 'Name': secret_id.split(':')[-1], 'SecretString': secrets[secret_id]}


def _s3_object(entry):
    last_modified = datetime.fromisoformat(entry.get('LastModified', DEFAULT_LAST_MODIFIED).replace('Z', '+00:00'))
    return {'Key': entry['Key'], 'Size': entry.get('Size', len(entry.get('Body', '').encode('utf-8'))),
            'LastModified': last_modified.astimezone(timezone.utc), 'ETag': '"stand-in"', 'StorageClass': 'STANDARD'}


def _list_objects(client_, operation, kwargs):
    prefix = kwargs.get('Prefix', '')
    contents = [_s3_object(entry) for entry in world().get('s3_objects', [])
                if entry['Bucket'] == kwargs['Bucket'] and entry['Key'].startswith(prefix)]
    contents.sort(key=lambda item: item['Key'])
    page = {'Name': kwargs['Bucket'], 'Prefix': prefix, 'KeyCount': len(contents), 'IsTruncated': False}
    if contents:  # S3 leaves Contents out when nothing matches
        page['Contents'] = contents
    return page


def _find_object(client_, operation, kwargs):
    for entry in world().get('s3_objects', []):
        if entry['Bucket'] == kwargs['Bucket'] and entry['Key'] == kwargs['Key']:
            return entry
    raise client_._error({'Code': 'NoSuchKey', 'Message': 'The specified key does not exist.'}, operation)


def _get_object(client_, operation, kwargs):
    entry = _find_object(client_, operation, kwargs)
    described = _s3_object(entry)
    return {'Body': io.BytesIO(entry.get('Body', '').encode('utf-8')), 'ContentLength': described['Size'],
            'LastModified': described['LastModified'], 'ETag': described['ETag']}


def _head_object(client_, operation, kwargs):
    described = _s3_object(_find_object(client_, operation, kwargs))
    return {'ContentLength': described['Size'], 'LastModified': described['LastModified'], 'ETag': described['ETag']}


_BUILTIN = {
    ('secretsmanager', 'get_secret_value'): _secret_value,
    ('s3', 'list_objects_v2'): _list_objects,
    ('s3', 'get_object'): _get_object,
    ('s3', 'head_object'): _head_object,
}
