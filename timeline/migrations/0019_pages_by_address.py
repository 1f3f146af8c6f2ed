"""Documents keep the address, language and clock zone of the page they came from; an added document may be an address."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('timeline', '0018_ingest_jobs'),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='language',
            field=models.CharField(blank=True, help_text='As the page declares it: “en”, “de-CH”.', max_length=35),
        ),
        migrations.AddField(
            model_name='document',
            name='url',
            field=models.URLField(blank=True, help_text="The original page's address, where its entries link to.", max_length=1000, verbose_name='address'),
        ),
        migrations.AddField(
            model_name='historicaldocument',
            name='language',
            field=models.CharField(blank=True, help_text='As the page declares it: “en”, “de-CH”.', max_length=35),
        ),
        migrations.AddField(
            model_name='historicaldocument',
            name='url',
            field=models.URLField(blank=True, help_text="The original page's address, where its entries link to.", max_length=1000, verbose_name='address'),
        ),
        migrations.AddField(
            model_name='ingestjob',
            name='url',
            field=models.URLField(blank=True, help_text='A page to fetch, instead of a text.', max_length=1000, verbose_name='address'),
        ),
        migrations.AlterField(
            model_name='document',
            name='text',
            field=models.TextField(help_text="What was ingested: the plain text, or the web page's HTML."),
        ),
        migrations.AlterField(
            model_name='ingestjob',
            name='timezone',
            field=models.CharField(blank=True, default='UTC', max_length=64),
        ),
    ]
